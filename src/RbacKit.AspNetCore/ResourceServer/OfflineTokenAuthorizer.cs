using System.Runtime.CompilerServices;
using RbacKit.Permissions;
using RbacKit.TokenValidation;

namespace RbacKit.AspNetCore;

/// <summary>
/// A resource server's check: the token is not revoked (as far as the change feed told), and its <c>perms</c> names and
/// wildcards, expanded against this service's catalog, are the caller's permissions. The expansion is remembered per
/// validated token, so a repeated token costs a table lookup.
/// </summary>
internal sealed class OfflineTokenAuthorizer : IAccessTokenAuthorizer
{
    private readonly RevocationList _revocations;
    private readonly ConditionalWeakTable<ValidatedAccessToken, PermissionSet> _sets = new();
    private readonly ConditionalWeakTable<ValidatedAccessToken, PermissionSet>.CreateValueCallback _expand;

    public OfflineTokenAuthorizer(PermissionCatalog catalog, RevocationList revocations)
    {
        _revocations = revocations;
        _expand = token => catalog.Expand(token.Permissions);
    }

    public ValueTask<TokenAuthorization> AuthorizeAsync(ValidatedAccessToken token, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_revocations.IsRevoked(token)
            ? TokenAuthorization.Refused(TokenFailure.Revoked)
            : TokenAuthorization.Allowed(_sets.GetValue(token, _expand), token.Roles));
}
