using RbacKit.Caching;
using RbacKit.Stores;

namespace RbacKit.Permissions;

/// <summary>
/// Caches each role's bitset by (role id, role version) and ORs them. The cache is a <see cref="BoundedCache{TKey, TValue}"/>
/// of <see cref="MaxCachedRoles"/> roles; an entry of an older role version is simply replaced.
/// </summary>
internal sealed class PermissionResolver(PermissionCatalog catalog) : IPermissionResolver
{
    internal const int MaxCachedRoles = 10_000;
    private readonly BoundedCache<Guid, (long Version, PermissionSet Set)> _roles = new(MaxCachedRoles);

    /// <summary>About how many role bitsets are cached now.</summary>
    internal int CachedRoles => _roles.Count;

    public PermissionSet Resolve(IReadOnlyList<RoleGrantData> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        switch (roles.Count)
        {
            case 0:
                return PermissionSet.Empty;
            case 1:
                return GetRoleSet(roles[0]);
        }

        var builder = new PermissionSetBuilder(catalog.Count);
        for (var i = 0; i < roles.Count; i++)
        {
            builder.UnionWith(GetRoleSet(roles[i]));
        }

        return builder.Build();
    }

    private PermissionSet GetRoleSet(RoleGrantData role)
    {
        if (_roles.TryGetValue(role.RoleId, out var cached) && cached.Version == role.RoleVersion)
        {
            return cached.Set;
        }

        var set = catalog.Expand(role.Permissions);
        _roles.Set(role.RoleId, (role.RoleVersion, set));
        return set;
    }
}
