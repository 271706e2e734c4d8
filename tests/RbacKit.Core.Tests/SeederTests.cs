using RbacKit.Seeding;

namespace RbacKit.Core.Tests;

public class SeederTests
{
    [Fact]
    public async Task Seeding_twice_gives_the_same_result()
    {
        await using var host = await TestHost.CreateAsync();
        var before = await host.Store.ListAsync(default);
        var report = await host.InScopeAsync<IRbacSeeder, SeedReport>(s => s.SeedAsync(default));
        Assert.Empty(report.RolesCreated);
        Assert.Empty(report.GrantsAdded);
        var after = await host.Store.ListAsync(default);
        Assert.Equal(before.Select(r => (r.Id, string.Join(",", r.Permissions.Select(p => p.Permission).Order()))), after.Select(r => (r.Id, string.Join(",", r.Permissions.Select(p => p.Permission).Order()))));
        Assert.Equal(["admin", "moderator", "superadmin", "user"], after.Select(r => r.Name));
    }

    [Fact]
    public async Task Removed_catalog_permissions_are_reported_not_dropped()
    {
        var store = new RbacKit.Testing.InMemoryStore();
        await using (var first = await TestHost.CreateAsync(o => o.Permissions.Add("legacy:read").Equals(o.Roles.Add("user", null, "legacy:read")), store))
        {
            Assert.NotNull(first);
        }

        await using var second = await TestHost.CreateAsync(null, store);
        var report = await second.InScopeAsync<IRbacSeeder, SeedReport>(s => s.SeedAsync(default));
        Assert.Equal(["user: legacy:read"], report.OrphanedGrants);
        var user = await store.FindByNameAsync("USER", default);
        Assert.Contains(user!.Permissions, p => p.Permission == "legacy:read");
    }

    [Fact]
    public async Task New_declared_grants_are_added_to_existing_roles()
    {
        var store = new RbacKit.Testing.InMemoryStore();
        await using (await TestHost.CreateAsync(null, store))
        {
        }

        await using var second = await TestHost.CreateAsync(o => o.Roles.Add("user", null, "series:read"), store);
        var user = await store.FindByNameAsync("USER", default);
        Assert.Contains(user!.Permissions, p => p.Permission == "series:read");
        Assert.True(user.IsSystem);
    }
}
