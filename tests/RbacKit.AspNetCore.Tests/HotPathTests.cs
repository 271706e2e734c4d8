using System.Net;
using Microsoft.AspNetCore.Http;
using RbacKit.Testing;

namespace RbacKit.AspNetCore.Tests;

public sealed class HotPathTests
{
    [Fact]
    public async Task Warm_requests_do_not_read_the_store()
    {
        var store = new InMemoryStore();
        await using var host = await AuthHost.StartAsync(o => o.InMemoryStore = store);
        var user = await host.CreateUserAsync();
        var client = host.CreateClient(user.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/minimal/read")).StatusCode);
        var loads = store.AuthorizationLoads;

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/minimal/read")).StatusCode);
            await (await client.PostAsync("/minimal/write", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Equal(loads, store.AuthorizationLoads);
    }
}

public sealed class PermissionCheckAllocationTests
{
    [Fact]
    public async Task The_permission_check_on_the_principal_allocates_nothing()
    {
        var catalog = new Permissions.PermissionCatalog([new Domain.PermissionDefinition { Name = "movies:read" }, new Domain.PermissionDefinition { Name = "movies:write" }]);
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", "other")], "Cookies"));
        principal.AddIdentity(new Permissions.RbacKitIdentity([new System.Security.Claims.Claim("sub", "u")], "RbacKit", catalog.Expand(["movies:read"]), catalog));
        var requirement = new PermissionRequirement(["movies:read"], requireAll: true);
        var handler = new PermissionAuthorizationHandler();
        var context = new Microsoft.AspNetCore.Authorization.AuthorizationHandlerContext([requirement], principal, resource: null);

        // Warm: the requirement resolves its ids once per catalog.
        Assert.True(Check());
        await handler.HandleAsync(context);
        Assert.True(context.HasSucceeded);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var held = true;
        for (var i = 0; i < 1_000; i++)
        {
            held &= Check();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(held);
        Assert.Equal(0, allocated);

        bool Check()
        {
            var identity = principal.GetRbacKitIdentity();
            return identity is not null && requirement.IsSatisfiedBy(identity.Permissions, identity.Catalog) && principal.HasPermission("movies:read");
        }
    }
}
