using System.Security.Claims;

namespace RbacKit.Permissions;

/// <summary>
/// An authenticated RbacKit identity: a <see cref="ClaimsIdentity"/> that also carries the caller's resolved
/// <see cref="PermissionSet"/>, so every authorization requirement (endpoint metadata, policies, resource-based checks,
/// hubs) reads the permissions from <c>context.User</c> with one bit test. Created by RbacKit's authentication schemes.
/// </summary>
public sealed class RbacKitIdentity : ClaimsIdentity
{
    /// <summary>Creates an identity.</summary>
    /// <param name="claims">The claims (<c>sub</c>, <c>sid</c>, roles, ...).</param>
    /// <param name="authenticationType">The scheme that authenticated the caller.</param>
    /// <param name="permissions">The caller's effective permissions.</param>
    /// <param name="catalog">The catalog that maps permission names to the ids in <paramref name="permissions"/>.</param>
    public RbacKitIdentity(IEnumerable<Claim> claims, string authenticationType, PermissionSet permissions, PermissionCatalog catalog)
        : base(claims, authenticationType, "sub", ClaimTypes.Role)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentNullException.ThrowIfNull(catalog);
        Permissions = permissions;
        Catalog = catalog;
    }

    private RbacKitIdentity(RbacKitIdentity other)
        : base(other)
    {
        Permissions = other.Permissions;
        Catalog = other.Catalog;
    }

    /// <summary>The caller's effective permissions.</summary>
    public PermissionSet Permissions { get; }

    /// <summary>The catalog the permission ids belong to.</summary>
    public PermissionCatalog Catalog { get; }

    /// <summary>Whether the caller holds <paramref name="permission"/> (a catalog name such as <c>movies:write</c>); unknown names are never held.</summary>
    public bool HasPermission(string permission)
    {
        ArgumentNullException.ThrowIfNull(permission);
        return Catalog.TryGetId(permission, out var id) && Permissions.Contains(id);
    }

    /// <inheritdoc />
    public override ClaimsIdentity Clone() => new RbacKitIdentity(this);
}
