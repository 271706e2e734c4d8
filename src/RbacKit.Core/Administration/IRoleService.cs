namespace RbacKit.Administration;

/// <summary>
/// Role administration with the escalation guard: an actor can create, change or delete only roles whose permissions it
/// holds itself, so no one can hand out more than they have.
/// </summary>
public interface IRoleService
{
    /// <summary>Every role.</summary>
    Task<IReadOnlyList<RoleInfo>> ListAsync(CancellationToken cancellationToken);

    /// <summary>One role.</summary>
    Task<RbacResult<RoleInfo>> GetAsync(Guid roleId, CancellationToken cancellationToken);

    /// <summary>
    /// The role named <paramref name="name"/>, compared as RbacKit compares role names (trimmed, Unicode NFKC, case
    /// folded); not found when there is none.
    /// </summary>
    Task<RbacResult<RoleInfo>> FindByNameAsync(string? name, CancellationToken cancellationToken);

    /// <summary>Creates a role.</summary>
    Task<RbacResult<RoleInfo>> CreateAsync(Guid actorId, RoleInput input, CancellationToken cancellationToken);

    /// <summary>Replaces name, description and permissions of a role.</summary>
    Task<RbacResult<RoleInfo>> UpdateAsync(Guid actorId, Guid roleId, RoleInput input, CancellationToken cancellationToken);

    /// <summary>Deletes a role; system roles cannot be deleted.</summary>
    Task<RbacResult> DeleteAsync(Guid actorId, Guid roleId, CancellationToken cancellationToken);
}
