using System.Collections.Concurrent;
using RbacKit.Stores;

namespace RbacKit.Permissions;

/// <summary>Caches each role's bitset by (role id, role version) and ORs them.</summary>
internal sealed class PermissionResolver(PermissionCatalog catalog) : IPermissionResolver
{
    private const int MaxCachedRoles = 10_000;
    private readonly ConcurrentDictionary<Guid, (long Version, PermissionSet Set)> _roles = new();

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
        if (_roles.Count >= MaxCachedRoles)
        {
            _roles.Clear();
        }

        _roles[role.RoleId] = (role.RoleVersion, set);
        return set;
    }
}
