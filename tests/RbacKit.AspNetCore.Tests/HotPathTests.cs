using System.Net;
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
