using RbacKit.Domain;
using RbacKit.Permissions;
using RbacKit.Stores;

namespace RbacKit.Core.Tests;

public class PermissionResolverTests
{
    private static readonly PermissionCatalog Catalog = new(
        new[] { "movies:read", "movies:write", "series:read" }.Select(n => new PermissionDefinition { Name = n }));

    [Fact]
    public void A_warm_role_is_served_from_the_cache_without_allocating()
    {
        var resolver = new PermissionResolver(Catalog);
        var role = new RoleGrantData(Guid.CreateVersion7(), "viewer", 1, ["movies:read"]);
        IReadOnlyList<RoleGrantData> roles = [role];
        var first = resolver.Resolve(roles);
        Assert.Same(first, resolver.Resolve(roles));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _ = resolver.Resolve(roles);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_new_role_version_replaces_the_cached_set()
    {
        var resolver = new PermissionResolver(Catalog);
        var id = Guid.CreateVersion7();
        Assert.True(resolver.Resolve([new RoleGrantData(id, "editor", 1, ["movies:read"])]).Contains(Catalog.GetId("movies:read")));

        var changed = resolver.Resolve([new RoleGrantData(id, "editor", 2, ["movies:write"])]);
        Assert.True(changed.Contains(Catalog.GetId("movies:write")));
        Assert.False(changed.Contains(Catalog.GetId("movies:read")));
        Assert.Equal(1, resolver.CachedRoles);
    }

    [Fact]
    public void The_role_cache_stays_bounded_and_correct_past_its_capacity()
    {
        var resolver = new PermissionResolver(Catalog);
        RoleGrantData? last = null;
        for (var i = 0; i < PermissionResolver.MaxCachedRoles + 10; i++)
        {
            last = new RoleGrantData(Guid.CreateVersion7(), $"role{i}", 1, [i % 2 == 0 ? "movies:read" : "series:read"]);
            _ = resolver.Resolve([last]);
            Assert.InRange(resolver.CachedRoles, 1, PermissionResolver.MaxCachedRoles);
        }

        var both = resolver.Resolve([last!, new RoleGrantData(Guid.CreateVersion7(), "writer", 1, ["movies:write"])]);
        Assert.True(both.Contains(Catalog.GetId("movies:write")));
        Assert.True(both.Contains(Catalog.GetId("series:read"))); // the last role (odd index) grants series:read
    }
}
