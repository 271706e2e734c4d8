using Microsoft.Extensions.Logging;
using RbacKit.Accounts;
using RbacKit.Caching;
using RbacKit.Domain;
using RbacKit.Permissions;
using RbacKit.Sessions;
using RbacKit.Stores;

namespace RbacKit.Administration;

internal sealed class UserAdministrationService(
    IUserStore users,
    IRoleStore roles,
    ISessionService sessions,
    IAuthorizationStateProvider state,
    IAuthorizationChangeFeed feed,
    EscalationGuard guard,
    PermissionCatalog catalog,
    TimeProvider time,
    ILogger<UserAdministrationService> logger) : IUserAdministrationService
{
    private const string SuperadminRoleOnly = "Only a superadmin can grant, revoke or change the superadmin role.";

    /// <summary>The name user-list cursors are bound to.</summary>
    public const string List = "users";

    public Task<RbacResult<PagedResult<UserSummary>>> SearchAsync(string? search, int page, int pageSize, CancellationToken cancellationToken) =>
        SearchAsync(search, page, pageSize, null, cancellationToken);

    public async Task<RbacResult<PagedResult<UserSummary>>> SearchAsync(string? search, int page, int pageSize, string? cursor, CancellationToken cancellationToken)
    {
        if (Paging.Validate(page, pageSize, cursor, List, PageKeyKind.Text, out var request) is { } invalid)
        {
            return invalid;
        }

        if (search is { Length: > 254 })
        {
            return RbacError.Validation("search", "search must be at most 254 characters.");
        }

        var found = await users.SearchAsync(string.IsNullOrWhiteSpace(search) ? null : search.Trim(), request, cancellationToken).ConfigureAwait(false);
        return found.Map(u => new UserSummary(u.Id, u.Email, u.FirstName, u.LastName, u.IsActive, u.CreatedAt, u.EmailConfirmed));
    }

    public async Task<RbacResult<UserProfile>> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        return user is null ? RbacError.NotFound("user") : await ProfileAsync(user, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RbacResult<UserProfile>> FindByEmailAsync(string? email, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 254)
        {
            return RbacError.NotFound("user");
        }

        var user = await users.FindByEmailAsync(Normalizer.NormalizeKey(email), cancellationToken).ConfigureAwait(false);
        return user is null ? RbacError.NotFound("user") : await ProfileAsync(user, cancellationToken).ConfigureAwait(false);
    }

    private async Task<UserProfile> ProfileAsync(User user, CancellationToken cancellationToken)
    {
        var held = await roles.GetRolesOfUserAsync(user.Id, cancellationToken).ConfigureAwait(false);
        return AccountService.ToProfile(user, [.. held.Select(r => r.Name).Order(StringComparer.Ordinal)]);
    }

    public async Task<RbacResult> GrantRoleAsync(Guid actorId, Guid userId, string? roleName, CancellationToken cancellationToken)
    {
        var (user, role, error) = await FindAsync(userId, roleName, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var action = new AdminAction(actorId, "grant role", $"user {userId}");
        if (await guard.CheckAsync(action, role!.Permissions.Select(p => p.Permission), SystemRoles.IsSuperadmin(role) ? SuperadminRoleOnly : null, cancellationToken).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var grant = new UserRole { UserId = user!.Id, RoleId = role.Id, GrantedBy = actorId, GrantedAt = time.GetUtcNow() };
        var audit = AuditEvents.Create(time, actorId, "user.role_granted", "user", user.Id.ToString(), null, new { role = role.Name });
        var result = await roles.AddUserRoleAsync(grant, audit, cancellationToken).ConfigureAwait(false);
        if (result is not (StoreResult.Success or StoreResult.Duplicate))
        {
            return RbacError.NotFound("user");
        }

        if (result == StoreResult.Success)
        {
            CoreLog.RoleGranted(logger, actorId, user.Id, role.Name);
        }

        await feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.User, user.Id), cancellationToken).ConfigureAwait(false);
        return RbacResult.Success;
    }

    public async Task<RbacResult> RevokeRoleAsync(Guid actorId, Guid userId, string? roleName, CancellationToken cancellationToken)
    {
        var (user, role, error) = await FindAsync(userId, roleName, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return error;
        }

        var superadmin = SystemRoles.IsSuperadmin(role!);
        var action = new AdminAction(actorId, "revoke role", $"user {userId}");
        if (await guard.CheckAsync(action, role!.Permissions.Select(p => p.Permission), superadmin ? SuperadminRoleOnly : null, cancellationToken).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var audit = AuditEvents.Create(time, actorId, "user.role_revoked", "user", user!.Id.ToString(), new { role = role.Name }, null);
        switch (await roles.RemoveUserRoleAsync(user.Id, role.Id, keepOneActiveHolder: superadmin, audit, cancellationToken).ConfigureAwait(false))
        {
            case StoreResult.Success:
                await feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.User, user.Id), cancellationToken).ConfigureAwait(false);
                CoreLog.RoleRevoked(logger, actorId, user.Id, role.Name);
                return RbacResult.Success;
            case StoreResult.LastHolder:
                return guard.LastSuperadmin(action);
            default:
                return RbacError.NotFound("role grant");
        }
    }

    public async Task<RbacResult> EndSessionsAsync(Guid actorId, Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return RbacError.NotFound("user");
        }

        // Ending a superadmin's sessions is a superadmin's call: otherwise any admin could lock out the people above it.
        var target = await state.GetUserAsync(userId, 0, cancellationToken).ConfigureAwait(false);
        if (target is not null && target.HasRole(RoleDefinitionCollection.Superadmin)
            && await guard.CheckAsync(new AdminAction(actorId, "end the sessions of", $"user {userId}"), [], "Only a superadmin can end a superadmin's sessions.", cancellationToken).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        await sessions.RevokeAllAsync(userId, null, $"ended_by_admin:{actorId}", cancellationToken).ConfigureAwait(false);
        CoreLog.SessionsEndedByAdmin(logger, actorId, userId);
        return RbacResult.Success;
    }

    public async Task<RbacResult<PermissionCheck>> CheckAsync(Guid userId, string? permission, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(permission) || !catalog.TryGetId(permission.Trim(), out var id))
        {
            return new RbacError(RbacErrorKind.Validation, RbacErrorCodes.UnknownPermission, "The permission is not in the catalog.",
                new Dictionary<string, string[]>(StringComparer.Ordinal) { ["permission"] = ["Unknown permission."] });
        }

        var authorization = await state.GetUserAsync(userId, 0, cancellationToken).ConfigureAwait(false);
        if (authorization is null)
        {
            return RbacError.NotFound("user");
        }

        return new PermissionCheck(userId, permission.Trim(), authorization.IsActive && authorization.Permissions.Contains(id));
    }

    private async Task<(User? User, Role? Role, RbacError? Error)> FindAsync(Guid userId, string? roleName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(roleName) || roleName.Length > 64)
        {
            return (null, null, RbacError.Validation("role", "The role name is required."));
        }

        var user = await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is not { IsActive: true })
        {
            return (null, null, RbacError.NotFound("user"));
        }

        var role = await roles.FindByNameAsync(Normalizer.NormalizeKey(roleName), cancellationToken).ConfigureAwait(false);
        return role is null ? (null, null, RbacError.NotFound("role")) : (user, role, null);
    }
}
