
namespace RbacKit.TokenValidation;

/// <summary>Validates access tokens: signature (allow-listed algorithm, known <c>kid</c>), type, issuer, audience, lifetime.</summary>
public interface IAccessTokenValidator
{
    /// <summary>Validates <paramref name="token"/>. Session revocation is checked by the caller (see <see cref="Caching.IAuthorizationStateProvider"/>).</summary>
    ValueTask<AccessTokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken);
}
