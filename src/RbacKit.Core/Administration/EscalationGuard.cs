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
            return Escalation("Only a superadmin can grant, revoke or change the superadmin role.", "role", [RoleDefinitionCollection.Superadmin]);
        }

        var wanted = catalog.Expand(patterns);
        if (wanted.IsSubsetOf(actor.Permissions))
        {
            return null;
        }

        var lacking = catalog.GetNames(wanted).Where(name => catalog.TryGetId(name, out var id) && !actor.Permissions.Contains(id)).ToArray();
        return Escalation("The role holds permissions you do not hold yourself.", "permissions", lacking);
    }

    /// <summary>A refused escalation; <see cref="RbacError.Errors"/> names what was refused (<c>role</c> or <c>permissions</c>), for the caller and the logs.</summary>
    private static RbacError Escalation(string message, string field, string[] refused) =>
        new(RbacErrorKind.Forbidden, RbacErrorCodes.PrivilegeEscalation, message, new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = refused });
}
