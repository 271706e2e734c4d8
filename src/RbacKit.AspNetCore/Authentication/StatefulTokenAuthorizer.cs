using System.Runtime.CompilerServices;
using RbacKit.Caching;
using RbacKit.Permissions;
using RbacKit.TokenValidation;

namespace RbacKit.AspNetCore;

/// <summary>
/// The issuer's check: the session is live and the user active, read through Core's cached state provider (no database
/// round trip once warm). Permissions come from the live state, so role changes apply to tokens already issued. An
/// allowed user token's session is noted as seen (<see cref="SessionActivityTracker"/>, in memory; written in the
/// background). An OAuth client's token needs no session: the client must still exist with the secret version the token
/// carries (deleting the client, rotating its secret or revoking its tokens bumps it), and its permissions are the
/// token's <c>perms</c>.
/// </summary>
internal sealed class StatefulTokenAuthorizer : IAccessTokenAuthorizer
{
    private readonly IAuthorizationStateProvider _state;
    private readonly SessionActivityTracker _activity;
    private readonly ConditionalWeakTable<ValidatedAccessToken, PermissionSet> _sets = new();
    private readonly ConditionalWeakTable<ValidatedAccessToken, PermissionSet>.CreateValueCallback _expand;

    public StatefulTokenAuthorizer(IAuthorizationStateProvider state, PermissionCatalog catalog, SessionActivityTracker activity)
    {
        _state = state;
        _activity = activity;
        _expand = token => catalog.Expand(token.Permissions);
    }

    public async ValueTask<TokenAuthorization> AuthorizeAsync(ValidatedAccessToken token, CancellationToken cancellationToken)
    {
        if (token.IsClient)
        {
            var version = await _state.GetClientVersionAsync(token.ClientId!, cancellationToken).ConfigureAwait(false);
            return version == token.AuthorizationVersion
                ? TokenAuthorization.Allowed(_sets.GetValue(token, _expand), [])
                : TokenAuthorization.Refused(TokenFailure.Revoked);
        }

        if (!await _state.IsSessionActiveAsync(token.SessionId, token.UserId, cancellationToken).ConfigureAwait(false))
        {
            return TokenAuthorization.Refused(TokenFailure.Revoked);
        }

        var user = await _state.GetUserAsync(token.UserId, token.AuthorizationVersion, cancellationToken).ConfigureAwait(false);
        if (user is not { IsActive: true })
        {
            return TokenAuthorization.Refused(TokenFailure.Revoked);
        }

        _activity.Seen(token.SessionId, token.IssuedAt);
        return TokenAuthorization.Allowed(user.Permissions, user.Roles);
    }
}
