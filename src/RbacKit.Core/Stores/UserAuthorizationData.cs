namespace RbacKit.Stores;

/// <summary>What a user may do, as loaded from the store.</summary>
/// <param name="UserId">The user.</param>
/// <param name="IsActive">Whether the account is active.</param>
/// <param name="Version">The user's authorization version.</param>
/// <param name="Roles">The roles held, each with its permissions.</param>
public sealed record UserAuthorizationData(Guid UserId, bool IsActive, long Version, IReadOnlyList<RoleGrantData> Roles);

/// <summary>One role held by a user.</summary>
/// <param name="RoleId">The role.</param>
/// <param name="Name">The role name.</param>
/// <param name="RoleVersion">The role version (changes with its permissions).</param>
/// <param name="Permissions">The permission names and wildcards the role grants.</param>
public sealed record RoleGrantData(Guid RoleId, string Name, long RoleVersion, IReadOnlyList<string> Permissions);
