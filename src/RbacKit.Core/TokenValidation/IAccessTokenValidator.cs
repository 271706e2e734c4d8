
namespace RbacKit.TokenValidation;

/// <summary>Validates access tokens: signature (allow-listed algorithm, known <c>kid</c>), type, issuer, audience, lifetime.</summary>
public interface IAccessTokenValidator
{
    /// <summary>Validates <paramref name="token"/>. Session revocation is checked by the caller (see <see cref="Caching.IAuthorizationStateProvider"/>).</summary>
    ValueTask<AccessTokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken);

    /// <summary>
    /// Validates the token held by <paramref name="token"/> (for example a slice of an <c>Authorization</c> header), so a
    /// token seen before can be answered without copying it into a string. The default copies it and calls
    /// <see cref="ValidateAsync(string, CancellationToken)"/>.
    /// </summary>
    ValueTask<AccessTokenValidationResult> ValidateAsync(ReadOnlyMemory<char> token, CancellationToken cancellationToken) =>
        ValidateAsync(token.ToString(), cancellationToken);
}
