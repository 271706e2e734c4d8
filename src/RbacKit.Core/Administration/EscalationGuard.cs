using Microsoft.Extensions.Logging;
using RbacKit.Caching;
using RbacKit.Permissions;

namespace RbacKit.Administration;

/// <summary>
/// The no-privilege-escalation rule: an actor may hand out or edit only permissions it holds itself; only a superadmin
/// touches superadmin, the system roles, or a superadmin's sessions. Every refusal is logged here (a Warning with actor,
/// action, target, what was refused and why), so any caller of the services gets the security log, not only the web layer.
/// </summary>
internal sealed class EscalationGuard(IAuthorizationStateProvider state, PermissionCatalog catalog, ILogger<EscalationGuard> logger)
{
    /// <summary>
    /// Null when <paramref name="action"/>'s actor is an active user holding every permission of <paramref name="patterns"/>
    /// and, when <paramref name="superadminOnly"/> is set (the reason shown to the caller), the superadmin role.
    /// </summary>
    public async Task<RbacError?> CheckAsync(AdminAction action, IEnumerable<string> patterns, string? superadminOnly, CancellationToken cancellationToken)
    {
        var actor = await state.GetUserAsync(action.ActorId, 0, cancellationToken).ConfigureAwait(false);
        if (actor is not { IsActive: true })
        {
            return RbacError.Forbidden("The caller is not an active user.");
        }

        if (superadminOnly is not null && !actor.HasRole(RoleDefinitionCollection.Superadmin))
        {
            var error = Escalation(superadminOnly, "role", [RoleDefinitionCollection.Superadmin]);
            CoreLog.SuperadminRequired(logger, action.ActorId, action.Name, action.Target, RoleDefinitionCollection.Superadmin, error.Code);
            return error;
        }

        var wanted = catalog.Expand(patterns);
        if (wanted.IsSubsetOf(actor.Permissions))
        {
            return null;
        }

        var lacking = catalog.GetNames(wanted).Where(name => catalog.TryGetId(name, out var id) && !actor.Permissions.Contains(id)).ToArray();
        var refused = Escalation("The role holds permissions you do not hold yourself.", "permissions", lacking);
        CoreLog.PermissionsNotHeld(logger, action.ActorId, action.Name, action.Target, string.Join(',', lacking), refused.Code);
        return refused;
    }

    /// <summary>The refusal to remove the last active superadmin, logged.</summary>
    public RbacError LastSuperadmin(AdminAction action)
    {
        CoreLog.LastSuperadmin(logger, action.ActorId, action.Name, action.Target, RoleDefinitionCollection.Superadmin, RbacErrorCodes.LastSuperadmin);
        return new RbacError(RbacErrorKind.Conflict, RbacErrorCodes.LastSuperadmin, "The last superadmin cannot lose the role; grant it to someone else first.");
    }

    /// <summary>A refused escalation; <see cref="RbacError.Errors"/> names what was refused (<c>role</c> or <c>permissions</c>), for the caller.</summary>
    private static RbacError Escalation(string message, string field, string[] refused) =>
        new(RbacErrorKind.Forbidden, RbacErrorCodes.PrivilegeEscalation, message, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = refused });
}
