namespace RbacKit.Stores;

/// <summary>One role held by a user.</summary>
/// <param name="RoleId">The role.</param>
/// <param name="Name">The role name.</param>
/// <param name="RoleVersion">The role version (changes with its permissions).</param>
/// <param name="Permissions">The permission names and wildcards the role grants.</param>
public sealed record RoleGrantData(Guid RoleId, string Name, long RoleVersion, IReadOnlyList<string> Permissions);
