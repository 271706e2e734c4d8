using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using RbacKit.Accounts;
using RbacKit.Testing;

namespace RbacKit.AspNetCore.Tests;

/// <summary>Issue 12: <c>lastSeenAt</c> moves with access-token use, written in the background at most once per interval.</summary>
public sealed class SessionLastSeenTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Bearer_requests_move_last_seen_after_the_interval()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await AuthHost.StartAsync(o => o.Time = time);
        var user = await host.CreateUserAsync();
        var client = host.CreateClient(user.AccessToken);
        var login = Assert.Single(await (await client.GetAsync("/me/sessions")).ReadAsync<SessionInfo[]>()).LastSeenAt;
        Assert.Equal(Start, login);

        time.Advance(TimeSpan.FromMinutes(2));
        var used = time.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/minimal/read")).StatusCode);
        await FlushAsync(host);
        Assert.Equal(used, await LastSeenAsync(client));

        // Within the interval: nothing is written, the listed time stays.
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/minimal/read")).StatusCode);
        await FlushAsync(host);
        Assert.Equal(used, await LastSeenAsync(client));

        time.Advance(TimeSpan.FromSeconds(31));
        var later = time.GetUtcNow();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/minimal/read")).StatusCode);
        await FlushAsync(host);
        Assert.Equal(later, await LastSeenAsync(client));
    }

    [Fact]
    public async Task Requests_within_the_interval_write_nothing()
    {
        var time = new FakeTimeProvider(Start);
        var store = new InMemoryStore();
        await using var host = await AuthHost.StartAsync(o =>
        {
            o.Time = time;
            o.InMemoryStore = store;
        });
        var user = await host.CreateUserAsync();
        var client = host.CreateClient(user.AccessToken);

        // Right after login the token's issue already set the time.
        await RequestsAsync(client);
        await FlushAsync(host);
        Assert.Equal(0, store.Touches);

        time.Advance(TimeSpan.FromSeconds(61));
        await RequestsAsync(client);
        await FlushAsync(host);
        Assert.Equal(1, store.Touches);

        time.Advance(TimeSpan.FromSeconds(30));
        await RequestsAsync(client);
        await FlushAsync(host);
        Assert.Equal(1, store.Touches);

        time.Advance(TimeSpan.FromSeconds(30));
        await RequestsAsync(client);
        await FlushAsync(host);
        Assert.Equal(2, store.Touches);
    }

    private static async Task RequestsAsync(HttpClient client)
    {
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/minimal/read")).StatusCode);
        }
    }

    private static Task<int> FlushAsync(AuthHost host) =>
        host.Services.GetServices<IHostedService>().OfType<SessionActivityFlusher>().Single().FlushAsync(default);

    private static async Task<DateTimeOffset> LastSeenAsync(HttpClient client) =>
        Assert.Single(await (await client.GetAsync("/me/sessions")).ReadAsync<SessionInfo[]>()).LastSeenAt;
}
