using RbacKit.Domain;

namespace RbacKit.Stores;

/// <summary>
/// Persists roles, their permissions and user grants. A grant or revocation bumps that user's
/// <see cref="User.AuthorizationVersion"/> in the same transaction; a change to a role bumps <see cref="Role.Version"/>
/// alone (never its holders' rows, so the cost does not grow with the number of holders: caches compare role versions).
/// Every change writes the given audit event with it.
/// </summary>
public interface IRoleStore
{
    /// <summary>All roles with their permissions, ordered by name.</summary>
    Task<IReadOnlyList<Role>> ListAsync(CancellationToken cancellationToken);

    /// <summary>A role with its permissions.</summary>
    Task<Role?> FindByIdAsync(Guid roleId, CancellationToken cancellationToken);

    /// <summary>A role with its permissions, by normalized name.</summary>
    Task<Role?> FindByNameAsync(string normalizedName, CancellationToken cancellationToken);

    /// <summary>Inserts a role. <see cref="StoreResult.Duplicate"/> when the name is taken.</summary>
    Task<StoreResult> CreateAsync(Role role, AuditEvent? audit, CancellationToken cancellationToken);

    /// <summary>
    /// Saves name, description, system flag, the permission list and the new <see cref="Role.ConcurrencyStamp"/> of
    /// <paramref name="role"/>, chosen by the caller, if the stored stamp is still <paramref name="expectedConcurrencyStamp"/>
    /// (the stamp of the copy the change was made from), and bumps the stored <see cref="Role.Version"/> by one (the
    /// holders' rows are not touched; the given version is not written). The store never changes the instance it is
    /// given. <see cref="StoreResult.Conflict"/> when the stored stamp is another one, <see cref="StoreResult.Duplicate"/>
    /// when the name is taken, <see cref="StoreResult.NotFound"/> for an unknown role.
    /// </summary>
    Task<StoreResult> UpdateAsync(Role role, Guid expectedConcurrencyStamp, AuditEvent? audit, CancellationToken cancellationToken);

    /// <summary>Deletes a role and its grants (the holders' authorization versions are not touched).</summary>
    Task<StoreResult> DeleteAsync(Guid roleId, AuditEvent? audit, CancellationToken cancellationToken);

    /// <summary>The roles a user holds.</summary>
    Task<IReadOnlyList<Role>> GetRolesOfUserAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Grants a role and bumps the user's authorization version. <see cref="StoreResult.Duplicate"/> when held already.</summary>
    Task<StoreResult> AddUserRoleAsync(UserRole grant, AuditEvent? audit, CancellationToken cancellationToken);

    /// <summary>
    /// Revokes a role and bumps the user's authorization version. With <paramref name="keepOneActiveHolder"/> the
    /// revocation is refused (<see cref="StoreResult.LastHolder"/>) when it would leave the role without an active holder;
    /// the check and the delete are atomic with respect to concurrent revocations.
    /// </summary>
    Task<StoreResult> RemoveUserRoleAsync(Guid userId, Guid roleId, bool keepOneActiveHolder, AuditEvent? audit, CancellationToken cancellationToken);

    /// <summary>Everything needed to authorize a user, in one database round trip; <see langword="null"/> for an unknown user.</summary>
    Task<UserAuthorizationData?> GetAuthorizationDataAsync(Guid userId, CancellationToken cancellationToken);
}
