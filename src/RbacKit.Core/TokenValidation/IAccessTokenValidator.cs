
namespace RbacKit.TokenValidation;

/// <summary>Validates access tokens: signature (allow-listed algorithm, known <c>kid</c>), type, issuer, audience, lifetime.</summary>
public interface IAccessTokenValidator
{
    /// <summary>Validates <paramref name="token"/>. Session revocation is checked by the caller (see <see cref="Caching.IAuthorizationStateProvider"/>).</summary>
    ValueTask<AccessTokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken);

    /// <summary>
    /// Validates a token given as characters, such as the slice of an <c>Authorization</c> header after <c>Bearer </c>.
    /// RbacKit's validator finds a token it has already validated without allocating its text; the default copies the
    /// characters into a string and calls <see cref="ValidateAsync(string, CancellationToken)"/>.
    /// </summary>
    ValueTask<AccessTokenValidationResult> ValidateAsync(ReadOnlyMemory<char> token, CancellationToken cancellationToken) =>
        ValidateAsync(token.ToString(), cancellationToken);
}
