namespace RbacKit.Permissions;

/// <summary>A permission name interned to a small integer by the <see cref="PermissionCatalog"/>.</summary>
/// <param name="Value">The index of the permission in its catalog.</param>
public readonly record struct PermissionId(int Value);
