using RbacKit.Accounts;

namespace RbacKit.Administration;

/// <summary>User administration: listing, grants with the escalation guard, ending sessions, permission checks.</summary>
public interface IUserAdministrationService
{
    /// <summary>Users whose email or names contain <paramref name="search"/>.</summary>
    Task<RbacResult<PagedResult<UserSummary>>> SearchAsync(string? search, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// Users whose email or names contain <paramref name="search"/>, by normalized email: page <paramref name="page"/>
    /// (offset paging up to <see cref="Paging.MaxOffset"/> items), or with <paramref name="cursor"/> the page after it.
    /// A malformed cursor or a deeper offset fails validation (fields <c>cursor</c>, <c>page</c>).
    /// </summary>
    Task<RbacResult<PagedResult<UserSummary>>> SearchAsync(string? search, int page, int pageSize, string? cursor, CancellationToken cancellationToken);

    /// <summary>One user with roles.</summary>
    Task<RbacResult<UserProfile>> GetAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// The user whose email is <paramref name="email"/>, compared as RbacKit compares emails at sign-in (trimmed, Unicode
    /// NFKC, case folded); not found when there is none.
    /// </summary>
    Task<RbacResult<UserProfile>> FindByEmailAsync(string? email, CancellationToken cancellationToken);

    /// <summary>
    /// Grants a role. Refused with <see cref="RbacErrorCodes.PrivilegeEscalation"/> (403) when the role holds a permission
    /// the actor lacks, or is superadmin and the actor is not.
    /// </summary>
    Task<RbacResult> GrantRoleAsync(Guid actorId, Guid userId, string? roleName, CancellationToken cancellationToken);

    /// <summary>Revokes a role. The last active superadmin keeps the role (<see cref="RbacErrorCodes.LastSuperadmin"/>).</summary>
    Task<RbacResult> RevokeRoleAsync(Guid actorId, Guid userId, string? roleName, CancellationToken cancellationToken);

    /// <summary>Ends every session of a user.</summary>
    Task<RbacResult> EndSessionsAsync(Guid actorId, Guid userId, CancellationToken cancellationToken);

    /// <summary>Whether a user holds a permission. <see cref="RbacErrorCodes.UnknownPermission"/> for a name not in the catalog.</summary>
    Task<RbacResult<PermissionCheck>> CheckAsync(Guid userId, string? permission, CancellationToken cancellationToken);
}
