using RbacKit.Caching;
using RbacKit.Tokens;

namespace RbacKit.AspNetCore;

/// <summary>
/// The issuer's check: the session is live and the user active, read through Core's cached state provider (no database
/// round trip once warm). Permissions come from the live state, so role changes apply to tokens already issued. An
/// allowed token's session is noted as seen (<see cref="SessionActivityTracker"/>, in memory; written in the background).
/// </summary>
internal sealed class StatefulTokenAuthorizer(IAuthorizationStateProvider state, SessionActivityTracker activity) : IAccessTokenAuthorizer
{
    public async ValueTask<TokenAuthorization> AuthorizeAsync(ValidatedAccessToken token, CancellationToken cancellationToken)
    {
        if (!await state.IsSessionActiveAsync(token.SessionId, token.UserId, cancellationToken).ConfigureAwait(false))
        {
            return TokenAuthorization.Refused(TokenFailure.Revoked);
        }

        var user = await state.GetUserAsync(token.UserId, token.AuthorizationVersion, cancellationToken).ConfigureAwait(false);
        if (user is not { IsActive: true })
        {
            return TokenAuthorization.Refused(TokenFailure.Revoked);
        }

        activity.Seen(token.SessionId, token.IssuedAt);
        return TokenAuthorization.Allowed(user.Permissions, user.Roles);
    }
}
