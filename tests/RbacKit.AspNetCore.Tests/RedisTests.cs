using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Accounts;
using RbacKit.Caching;
using RbacKit.Testing;

namespace RbacKit.AspNetCore.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisCollection
{
    public const string Name = "Redis";
}

/// <summary>Several instances sharing a database and Redis. Needs the Redis server of ./test.sh: fails without it.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisTests
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Connect = TimeSpan.FromSeconds(15);
    private readonly string _channel = $"rbackit:test:{Guid.NewGuid():N}";

    [Fact]
    public async Task Logout_on_one_instance_is_enforced_on_the_other_within_a_second()
    {
        await using var pair = await InstancePair.StartAsync(_channel);
        var user = await pair.A.CreateUserAsync();
        var onB = pair.B.CreateClient(user.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/me/permissions")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await pair.A.CreateClient(user.AccessToken).PostAsync("/auth/logout", null)).StatusCode);

        await Http.EventuallyAsync(async () => (await onB.GetAsync("/me/permissions")).StatusCode == HttpStatusCode.Unauthorized, Propagation, "logout reaches the other instance");
    }

    [Fact]
    public async Task A_role_change_on_one_instance_is_enforced_on_the_other_within_a_second()
    {
        await using var pair = await InstancePair.StartAsync(_channel);
        var admin = pair.A.CreateClient((await pair.A.CreateUserAsync("superadmin")).AccessToken);
        var user = await pair.A.CreateUserAsync();
        var onB = pair.B.CreateClient(user.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await onB.PostAsync("/minimal/write", null)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/users/{user.Id}/roles", new { role = "moderator" })).StatusCode);
        await Http.EventuallyAsync(async () => (await onB.PostAsync("/minimal/write", null)).StatusCode == HttpStatusCode.OK, Propagation, "a granted role reaches the other instance");

        var roles = await (await admin.GetAsync("/roles")).ReadAsync<RbacKit.Administration.RoleInfo[]>();
        var moderator = roles.Single(r => r.Name == "moderator");
        var update = await admin.SendJsonAsync(HttpMethod.Put, $"/roles/{moderator.Id}", new { name = "moderator", permissions = new[] { "movies:read" } });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        await Http.EventuallyAsync(async () => (await onB.PostAsync("/minimal/write", null)).StatusCode == HttpStatusCode.Forbidden, Propagation, "a changed role reaches the other instance");
    }

    [Fact]
    public async Task Redis_is_reached_through_one_asynchronous_connection_and_nothing_blocks_on_it()
    {
        await using var pair = await InstancePair.StartAsync(_channel);

        // No blocking IConnectionMultiplexer factory and no unused distributed cache are registered.
        Assert.Null(pair.A.Services.GetService<StackExchange.Redis.IConnectionMultiplexer>());
        Assert.DoesNotContain("Redis", pair.A.Services.GetService<IDistributedCache>()?.GetType().Name ?? "", StringComparison.Ordinal);
        var connection = pair.A.Services.GetRequiredService<RedisConnection>();
        Assert.Same(await connection.GetAsync(), await connection.GetAsync());
        Assert.True((await connection.GetAsync()).IsConnected);

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, await RedisHealthAsync(connection));
    }

    [Fact]
    public async Task An_unreachable_redis_gives_an_unhealthy_check_not_a_blocked_start()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new RbacKitRedisOptions { Configuration = "127.0.0.1:1,connectTimeout=200" });
        await using var connection = new RedisConnection(options);
        var multiplexer = await connection.GetAsync();
        Assert.False(multiplexer.IsConnected);

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, await RedisHealthAsync(connection));
    }

    /// <summary>The status of the <c>AddRbacKitRedis()</c> check over <paramref name="connection"/>.</summary>
    private static async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus> RedisHealthAsync(RedisConnection connection)
    {
        var checks = new ServiceCollection().AddLogging().AddSingleton(connection);
        checks.AddHealthChecks().AddRbacKitRedis();
        await using var provider = checks.BuildServiceProvider();
        return (await provider.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>().CheckHealthAsync()).Status;
    }

    [Fact]
    public async Task A_resource_server_hears_revocations()
    {
        await using var issuer = await AuthHost.StartAsync(o => { o.Redis = TestServers.Redis; o.RedisChannel = _channel; });
        await using var resource = await ResourceHost.StartAsync(issuer, redis: TestServers.Redis, channel: _channel);
        await WaitReliableAsync(issuer.Services, resource.Services);
        var early = await issuer.CreateUserAsync();
        await issuer.CreateClient(early.AccessToken).PostAsync("/auth/logout", null);
        await Http.EventuallyAsync(async () => (await resource.CreateClient(early.AccessToken).GetAsync("/catalog")).StatusCode == HttpStatusCode.Unauthorized, Propagation, "a logout before the first request is remembered");

        var user = await issuer.CreateUserAsync();
        var other = await issuer.LoginAsync(user.Email);
        Assert.Equal(HttpStatusCode.OK, (await resource.CreateClient(user.AccessToken).GetAsync("/catalog")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await resource.CreateClient(other.AccessToken).GetAsync("/catalog")).StatusCode);

        await issuer.CreateClient(user.AccessToken).PostAsync("/auth/logout", null);
        await Http.EventuallyAsync(async () => (await resource.CreateClient(user.AccessToken).GetAsync("/catalog")).StatusCode == HttpStatusCode.Unauthorized, Propagation, "logout reaches the resource server");
        Assert.Equal(HttpStatusCode.OK, (await resource.CreateClient(other.AccessToken).GetAsync("/catalog")).StatusCode);

        // A role grant makes the old token stale; a refreshed one carries the new permission.
        var admin = issuer.CreateClient((await issuer.CreateUserAsync("superadmin")).AccessToken);
        await admin.PostAsJsonAsync($"/users/{user.Id}/roles", new { role = "moderator" });
        await Http.EventuallyAsync(async () => (await resource.CreateClient(other.AccessToken).GetAsync("/catalog")).StatusCode == HttpStatusCode.Unauthorized, Propagation, "a user change reaches the resource server");
        var refresh = other.RefreshToken;
        await Http.EventuallyAsync(async () =>
        {
            var pair = await (await issuer.Client.PostAsJsonAsync("/auth/refresh", new { refreshToken = refresh })).ReadAsync<TokenPair>();
            refresh = pair.RefreshToken;
            return (await resource.CreateClient(pair.AccessToken).PostAsync("/catalog", null)).StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(5), "a refreshed token works with the new role");
    }

    [Fact]
    public async Task A_resource_server_started_after_a_revocation_replays_it_from_the_journal()
    {
        await using var issuer = await AuthHost.StartAsync(o => { o.Redis = TestServers.Redis; o.RedisChannel = _channel; });
        await WaitReliableAsync(issuer.Services);
        var loggedOut = await issuer.CreateUserAsync();
        var changed = await issuer.CreateUserAsync();
        var untouched = await issuer.CreateUserAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await issuer.CreateClient(loggedOut.AccessToken).PostAsync("/auth/logout", null)).StatusCode);
        var admin = issuer.CreateClient((await issuer.CreateUserAsync("superadmin")).AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"/users/{changed.Id}/roles", new { role = "moderator" })).StatusCode);

        // Pub/sub delivered those changes before this service existed; only the journal can tell it.
        await using var resource = await ResourceHost.StartAsync(issuer, redis: TestServers.Redis, channel: _channel);
        await WaitReliableAsync(resource.Services);

        var refused = await (await resource.CreateClient(loggedOut.AccessToken).GetAsync("/catalog")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal("token_revoked", refused.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await resource.CreateClient(changed.AccessToken).GetAsync("/catalog")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await resource.CreateClient(untouched.AccessToken).GetAsync("/catalog")).StatusCode);
    }

    [Fact]
    public async Task Start_up_does_not_wait_for_an_unreachable_redis_and_the_feed_is_unreliable()
    {
        var clock = Stopwatch.StartNew();
        await using var host = await AuthHost.StartAsync(o => o.Redis = "127.0.0.1:1,connectTimeout=500");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30));

        Assert.False(host.Services.GetRequiredService<IAuthorizationChangeFeed>().IsReliable);
        var user = await host.CreateUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient(user.AccessToken).GetAsync("/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.CreateClient(user.AccessToken).PostAsync("/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient(user.AccessToken).GetAsync("/me")).StatusCode);
    }

    [Fact]
    public async Task While_redis_is_down_instances_read_the_store_and_recover_when_it_is_back()
    {
        // This test's own way to Redis: cutting it leaves the Redis every other test shares untouched.
        await using var forwarder = TcpForwarder.To(TestServers.Redis);
        forwarder.Open();
        await using var pair = await InstancePair.StartAsync(_channel, $"127.0.0.1:{forwarder.Port}");
        var user = await pair.A.CreateUserAsync();
        var other = await pair.A.LoginAsync(user.Email);
        var onB = pair.B.CreateClient(other.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/me/permissions")).StatusCode);
        var events = new List<AuthorizationChange>();
        using var subscription = pair.B.Services.GetRequiredService<IAuthorizationChangeFeed>().Subscribe(c => { lock (events) { events.Add(c); } });

        await forwarder.CloseAsync();
        try
        {
            await Http.EventuallyAsync(() => Task.FromResult(!Feed(pair.A).IsReliable && !Feed(pair.B).IsReliable), Connect, "both feeds notice Redis is gone");

            // Not failing open: a logout on A is enforced on B at once, from the store.
            await pair.A.CreateClient(user.AccessToken).PostAsync("/auth/logout-others", null);
            Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/me/permissions")).StatusCode);
        }
        finally
        {
            forwarder.Open();
        }

        await Http.EventuallyAsync(() => Task.FromResult(Feed(pair.A).IsReliable && Feed(pair.B).IsReliable), Connect, "both feeds recover");
        lock (events)
        {
            Assert.Contains(events, c => c.Kind == AuthorizationChangeKind.Everything);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/me/permissions")).StatusCode);
        var fresh = await pair.A.LoginAsync(user.Email);
        Assert.Equal(HttpStatusCode.OK, (await pair.B.CreateClient(fresh.AccessToken).GetAsync("/me/permissions")).StatusCode);
        await pair.A.CreateClient(fresh.AccessToken).PostAsync("/auth/logout", null);
        await Http.EventuallyAsync(async () => (await pair.B.CreateClient(fresh.AccessToken).GetAsync("/me/permissions")).StatusCode == HttpStatusCode.Unauthorized, Propagation, "propagation works again");
    }

    private static IAuthorizationChangeFeed Feed(AuthHost host) => host.Services.GetRequiredService<IAuthorizationChangeFeed>();

    private static async Task WaitReliableAsync(params IServiceProvider[] services) =>
        await Http.EventuallyAsync(() => Task.FromResult(services.All(s => s.GetRequiredService<IAuthorizationChangeFeed>().IsReliable)), Connect, "the Redis change feeds connect");

    /// <summary>Two instances of the auth server sharing one database and one Redis.</summary>
    private sealed class InstancePair : IAsyncDisposable
    {
        private InstancePair(AuthHost a, AuthHost b, TestDatabase database)
        {
            A = a;
            B = b;
            Database = database;
        }

        public AuthHost A { get; }

        public AuthHost B { get; }

        private TestDatabase Database { get; }

        public static async Task<InstancePair> StartAsync(string channel, string? redisEndPoint = null)
        {
            var redis = redisEndPoint ?? TestServers.Redis;
            var database = TestDatabase.Sqlite();
            var kek = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            var a = await AuthHost.StartAsync(o => Configure(o, database, redis, channel, kek));
            var b = await AuthHost.StartAsync(o => Configure(o, database, redis, channel, kek));
            await WaitReliableAsync(a.Services, b.Services);
            return new InstancePair(a, b, database);
        }

        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
            await Database.DisposeAsync();
        }

        private static void Configure(AuthHostOptions options, TestDatabase database, string redis, string channel, string kek)
        {
            options.Database = database;
            options.Redis = redis;
            options.RedisChannel = channel;
            options.KeyEncryptionKey = kek;
        }
    }
}
