using RbacKit.Caching;
using RbacKit.Permissions;

namespace RbacKit.Administration;

/// <summary>The no-privilege-escalation rule: an actor may hand out or edit only permissions it holds itself; only a superadmin touches superadmin.</summary>
internal sealed class EscalationGuard(IAuthorizationStateProvider state, PermissionCatalog catalog)
{
    public async Task<RbacError?> CheckAsync(Guid actorId, IEnumerable<string> patterns, bool touchesSuperadmin, CancellationToken cancellationToken)
    {
        var actor = await state.GetUserAsync(actorId, 0, cancellationToken).ConfigureAwait(false);
        if (actor is not { IsActive: true })
        {
            return RbacError.Forbidden("The caller is not an active user.");
        }

        if (touchesSuperadmin && !actor.HasRole(RoleDefinitionCollection.Superadmin))
        {
            return Escalation("Only a superadmin can grant, revoke or change the superadmin role.");
        }

        var wanted = catalog.Expand(patterns);
        return wanted.IsSubsetOf(actor.Permissions)
            ? null
            : Escalation("The role holds permissions you do not hold yourself.");
    }

    private static RbacError Escalation(string message) => new(RbacErrorKind.Forbidden, RbacErrorCodes.PrivilegeEscalation, message);
}
