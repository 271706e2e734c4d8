using Microsoft.Extensions.Options;
using RbacKit.Caching;
using RbacKit.Tokens;

namespace RbacKit.Accounts;

/// <summary>Issues the access token that goes with a refresh token, with the user's current roles and grants.</summary>
internal sealed class TokenPairFactory(IAuthorizationStateProvider state, IAccessTokenIssuer issuer, IOptions<RbacKitOptions> options)
{
    private readonly int _lifetimeSeconds = (int)options.Value.Tokens.AccessTokenLifetime.TotalSeconds;

    public async Task<TokenPair?> CreateAsync(Guid userId, Guid sessionId, string refreshToken, CancellationToken cancellationToken)
    {
        var authorization = await state.GetUserAsync(userId, 0, cancellationToken).ConfigureAwait(false);
        if (authorization is not { IsActive: true })
        {
            return null;
        }

        var access = await issuer.IssueAsync(
            new AccessTokenSubject(userId, sessionId, authorization.Version, authorization.Roles, authorization.Grants),
            cancellationToken).ConfigureAwait(false);
        return new TokenPair(access.Token, refreshToken, "Bearer", _lifetimeSeconds);
    }
}
