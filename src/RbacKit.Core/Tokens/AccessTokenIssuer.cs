using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RbacKit.Tokens;

/// <summary>Issues RFC 9068 style access tokens (<c>typ: at+jwt</c>) signed by the current key of the ring.</summary>
internal sealed class AccessTokenIssuer(IKeyRing keyRing, IOptions<RbacKitOptions> options, TimeProvider time) : IAccessTokenIssuer
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly RbacKitOptions _options = options.Value;

    public async Task<IssuedAccessToken> IssueAsync(AccessTokenSubject subject, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var key = await keyRing.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var expires = now + _options.Tokens.AccessTokenLifetime;
        var tokenId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            TokenType = AccessTokenClaims.TokenType,
            SigningCredentials = key.Credentials,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [JwtRegisteredClaimNames.Sub] = subject.UserId.ToString(),
                [AccessTokenClaims.SessionId] = subject.SessionId.ToString(),
                [JwtRegisteredClaimNames.Jti] = tokenId,
                [AccessTokenClaims.Version] = subject.AuthorizationVersion,
                [AccessTokenClaims.Roles] = subject.Roles.ToArray(),
                [AccessTokenClaims.Permissions] = subject.Permissions.ToArray(),
            },
        };
        return new IssuedAccessToken(_handler.CreateToken(descriptor), tokenId, DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }
}
