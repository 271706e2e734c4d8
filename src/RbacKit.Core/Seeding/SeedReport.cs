namespace RbacKit.Seeding;

/// <summary>What seeding did.</summary>
/// <param name="RolesCreated">Roles that did not exist.</param>
/// <param name="GrantsAdded">Declared grants added to existing roles, as <c>role: permission</c>.</param>
/// <param name="OrphanedGrants">Stored grants that match no catalog permission, as <c>role: permission</c>.</param>
public sealed record SeedReport(IReadOnlyList<string> RolesCreated, IReadOnlyList<string> GrantsAdded, IReadOnlyList<string> OrphanedGrants);
