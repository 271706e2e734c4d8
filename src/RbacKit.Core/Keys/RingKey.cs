using Microsoft.IdentityModel.Tokens;

namespace RbacKit.Keys;

/// <summary>A loaded key of the ring.</summary>
/// <param name="KeyId">The <c>kid</c>.</param>
/// <param name="Algorithm">The JWS algorithm.</param>
/// <param name="Key">The key (private for signing).</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RetiredAt">When it stopped signing.</param>
/// <param name="ExpiresAt">When it stops validating.</param>
public sealed record RingKey(string KeyId, string Algorithm, SecurityKey Key, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt, DateTimeOffset? ExpiresAt)
{
    /// <summary>Signing credentials for this key.</summary>
    public SigningCredentials Credentials { get; } = new(Key, Algorithm);
}
