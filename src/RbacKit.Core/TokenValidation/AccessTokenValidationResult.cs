using System.Diagnostics.CodeAnalysis;

namespace RbacKit.TokenValidation;

/// <summary>The outcome of validating an access token. Validation never throws for a bad token.</summary>
public readonly struct AccessTokenValidationResult
{
    private AccessTokenValidationResult(ValidatedAccessToken? token, TokenFailure failure)
    {
        Token = token;
        Failure = failure;
    }

    /// <summary>The claims, when valid.</summary>
    public ValidatedAccessToken? Token { get; }

    /// <summary>Why the token was refused, or <see cref="TokenFailure.None"/>.</summary>
    public TokenFailure Failure { get; }

    /// <summary>Whether the token is valid.</summary>
    [MemberNotNullWhen(true, nameof(Token))]
    public bool IsValid => Token is not null;

    /// <summary>A valid token.</summary>
    public static AccessTokenValidationResult Valid(ValidatedAccessToken token) => new(token ?? throw new ArgumentNullException(nameof(token)), TokenFailure.None);

    /// <summary>A refused token.</summary>
    public static AccessTokenValidationResult Invalid(TokenFailure failure) => new(null, failure == TokenFailure.None ? TokenFailure.Malformed : failure);
}
