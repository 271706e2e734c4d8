using System.Net;
using System.Net.Http.Json;

namespace CinemaAuthHost.Tests;

/// <summary>
/// Two host instances sharing one PostgreSQL database and Redis, as behind a load balancer: what one instance revokes
/// or grants is enforced by the other on its next requests (Redis pub/sub), checked by bounded polling.
/// </summary>
public sealed class PostgresTwoInstanceTests : TwoInstanceEnforcement;

/// <summary>
/// The same two instances without Redis (issue 16): PostgreSQL's LISTEN/NOTIFY carries the changes, so a revocation
/// reaches the other instance at once instead of when its cache entry expires (<c>RbacKit:StateCacheDuration</c>, 1 minute).
/// </summary>
public sealed class PostgresNotifyTwoInstanceTests : TwoInstanceEnforcement
{
    protected override (string Key, string Value)[] Settings => [("ConnectionStrings:Redis", "")];

    /// <summary>
    /// The feed becomes reliable, so caches are trusted (an unreliable feed would make every request read the database and
    /// the enforcement tests pass without it).
    /// </summary>
    [Fact]
    public async Task Both_instances_listen_through_the_PostgreSQL_change_feed_and_trust_it()
    {
        foreach (var host in new[] { A, B })
        {
            var feed = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<RbacKit.Caching.IAuthorizationChangeFeed>(host.Services);
            Assert.IsType<CinemaAuthHost.Hosting.PostgresChangeFeed>(feed);
            await Http.EventuallyAsync(() => Task.FromResult(feed.IsReliable), Propagation, "the PostgreSQL change feed is listening");
        }
    }
}

/// <summary>What one instance revokes or grants is enforced by the other on its next requests.</summary>
public abstract class TwoInstanceEnforcement : PostgresInstancePair
{
    [Fact]
    public async Task A_logout_on_one_instance_is_enforced_on_the_other()
    {
        var account = await A.RegisterAsync("two-logout");
        var tokens = await A.LoginAsync(account);
        using var onA = A.CreateClient(tokens.AccessToken);
        using var onB = B.CreateClient(tokens.AccessToken);
        await (await onB.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        await (await onB.GetAsync("/movies")).AssertStatusAsync(HttpStatusCode.OK);

        await (await onA.PostAsync("/auth/logout", null)).AssertStatusAsync(HttpStatusCode.NoContent);

        await Http.EventuallyAsync(async () => (await onB.GetAsync("/me")).StatusCode == HttpStatusCode.Unauthorized, Propagation, "the logout on A reaches B");
        await (await onB.GetAsync("/movies")).AssertRevokedAsync();
        await (await onA.GetAsync("/me")).AssertRevokedAsync();
    }

    [Fact]
    public async Task Logout_others_on_one_instance_ends_sessions_used_on_the_other()
    {
        var account = await A.RegisterAsync("two-others");
        using var keeper = B.CreateClient((await B.LoginAsync(account)).AccessToken);
        using var onA = A.CreateClient((await A.LoginAsync(account)).AccessToken);
        await (await onA.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);

        await (await keeper.PostAsync("/auth/logout-others", null)).AssertStatusAsync(HttpStatusCode.NoContent);

        await Http.EventuallyAsync(async () => (await onA.GetAsync("/me")).StatusCode == HttpStatusCode.Unauthorized, Propagation, "logout-others on B reaches A");
        await (await keeper.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_role_granted_on_one_instance_applies_on_the_other()
    {
        var account = await A.RegisterAsync("two-grant");
        using var onB = B.CreateClient((await B.LoginAsync(account)).AccessToken);
        var movie = new { title = $"Two instances {Guid.NewGuid():N}", year = 2026 };
        await (await onB.PostAsJsonAsync("/movies", movie)).AssertStatusAsync(HttpStatusCode.Forbidden);
        using var superadmin = await A.ClientAsync(Accounts.Superadmin);

        await (await superadmin.PostAsJsonAsync($"/users/{account.Id}/roles", new { role = "moderator" })).AssertStatusAsync(HttpStatusCode.NoContent);

        await Http.EventuallyAsync(
            async () => (await (await onB.PostAsJsonAsync("/authz/check", new { permission = "movies:write" })).JsonAsync()).GetProperty("allowed").GetBoolean(),
            Propagation, "the grant on A reaches B");
        await (await onB.PostAsJsonAsync("/movies", movie)).AssertStatusAsync(HttpStatusCode.Created);
    }
    [Fact]
    public async Task A_role_edited_on_one_instance_applies_to_every_holder_on_the_other()
    {
        using var superadmin = await A.ClientAsync(Accounts.Superadmin);
        var name = $"critic-{Guid.NewGuid():N}"[..20];
        var created = await superadmin.PostAsJsonAsync("/roles", new { name, description = "two instances", permissions = new[] { "movies:read" } });
        var roleId = (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();
        var holders = new[] { await A.RegisterAsync("two-role-1"), await A.RegisterAsync("two-role-2") };
        var clients = new List<HttpClient>();
        foreach (var holder in holders)
        {
            await (await superadmin.PostAsJsonAsync($"/users/{holder.Id}/roles", new { role = name })).AssertStatusAsync(HttpStatusCode.NoContent);
            var onB = B.CreateClient((await B.LoginAsync(holder)).AccessToken);
            clients.Add(onB);
            // Warm on B: the holder and the role are cached there.
            Assert.False((await (await onB.PostAsJsonAsync("/authz/check", new { permission = "movies:write" })).JsonAsync()).GetProperty("allowed").GetBoolean());
        }

        await (await superadmin.PutAsJsonAsync($"/roles/{roleId}", new { name, description = "two instances", permissions = new[] { "movies:read", "movies:write" } }))
            .AssertStatusAsync(HttpStatusCode.OK);

        foreach (var onB in clients)
        {
            await Http.EventuallyAsync(
                async () => (await (await onB.PostAsJsonAsync("/authz/check", new { permission = "movies:write" })).JsonAsync()).GetProperty("allowed").GetBoolean(),
                Propagation, "the role edit on A reaches B");
        }

        // Withdrawn again: the tokens already issued lose it too.
        await (await superadmin.PutAsJsonAsync($"/roles/{roleId}", new { name, description = "two instances", permissions = new[] { "movies:read" } }))
            .AssertStatusAsync(HttpStatusCode.OK);
        foreach (var onB in clients)
        {
            await Http.EventuallyAsync(
                async () => !(await (await onB.PostAsJsonAsync("/authz/check", new { permission = "movies:write" })).JsonAsync()).GetProperty("allowed").GetBoolean(),
                Propagation, "the withdrawal on A reaches B");
            onB.Dispose();
        }
    }
}

/// <summary>Issue 17: a client's secret rotated, or the client deleted, on one instance ends its tokens on the other.</summary>
public sealed class PostgresTwoInstanceClientTests : PostgresInstancePair
{
    [Fact]
    public async Task Rotating_a_secret_or_deleting_a_client_on_one_instance_ends_its_tokens_on_the_other()
    {
        var client = await A.CreateClientAsync("movies:read");
        using var first = B.CreateClient(await B.ClientTokenAsync(client));
        await (await first.GetAsync("/movies")).AssertStatusAsync(HttpStatusCode.OK);
        using var superadmin = await A.ClientAsync(Accounts.Superadmin);

        var secret = (await (await superadmin.PostAsync($"/clients/{client.Id}/secret", null)).JsonAsync()).GetProperty("clientSecret").GetString()!;
        await Http.EventuallyAsync(async () => (await first.GetAsync("/movies")).StatusCode == HttpStatusCode.Unauthorized, Propagation, "the rotation on A reaches B");
        await (await first.GetAsync("/movies")).AssertRevokedAsync();
        await (await B.ClientCredentialsAsync(client)).AssertOAuthErrorAsync(HttpStatusCode.Unauthorized, "invalid_client");

        using var second = B.CreateClient(await B.ClientTokenAsync(client with { ClientSecret = secret }));
        await (await second.GetAsync("/movies")).AssertStatusAsync(HttpStatusCode.OK);
        await (await superadmin.DeleteAsync($"/clients/{client.Id}")).AssertStatusAsync(HttpStatusCode.NoContent);
        await Http.EventuallyAsync(async () => (await second.GetAsync("/movies")).StatusCode == HttpStatusCode.Unauthorized, Propagation, "the deletion on A reaches B");
        await (await second.GetAsync("/movies")).AssertRevokedAsync();
    }
}
