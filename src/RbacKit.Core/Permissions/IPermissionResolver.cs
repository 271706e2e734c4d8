using RbacKit.Stores;

namespace RbacKit.Permissions;

/// <summary>Turns the roles a user holds into a <see cref="PermissionSet"/>.</summary>
internal interface IPermissionResolver
{
    /// <summary>The union of the roles' permissions. Per-role sets are cached by role id and version.</summary>
    PermissionSet Resolve(IReadOnlyList<RoleGrantData> roles);
}
