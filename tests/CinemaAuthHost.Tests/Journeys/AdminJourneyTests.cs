using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CinemaAuthHost.Tests;

/// <summary>Administration over HTTP: roles, grants and their limits, permission checks, user search, ending sessions.</summary>
public abstract class AdminJourneyTests(HostFixture fixture)
{
    private CinemaHost Host => fixture.Host;

    [Fact]
    public async Task Seeded_roles_and_the_permission_catalog_are_listed()
    {
        using var superadmin = await Host.ClientAsync(Accounts.Superadmin);

        var roles = (await (await superadmin.GetAsync("/roles")).JsonAsync()).EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(["superadmin", "admin", "moderator", "user"], StringComparer.Ordinal), roles.Keys.ToHashSet(StringComparer.Ordinal));
        Assert.True(roles["superadmin"].GetProperty("isSystem").GetBoolean());
        Assert.Equal(["*"], Permissions(roles["superadmin"]));
        Assert.Equal(["movies:read", "movies:write"], Permissions(roles["moderator"]));
        Assert.Equal(["movies:read"], Permissions(roles["user"]));

        var catalog = (await (await superadmin.GetAsync("/permissions")).JsonAsync()).EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Superset(new HashSet<string?>(["movies:read", "movies:write", "roles:read", "roles:write", "users:read", "users:write"]), catalog.ToHashSet());

        using var user = await Host.ClientAsync(Accounts.User);
        await (await user.GetAsync("/roles")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var anonymous = Host.CreateClient();
        await (await anonymous.GetAsync("/roles")).AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_role_is_created_read_updated_and_deleted_and_a_system_role_stays()
    {
        using var superadmin = await Host.ClientAsync(Accounts.Superadmin);
        var name = $"critic-{Guid.NewGuid():N}"[..20];

        var created = await (await superadmin.PostAsJsonAsync("/roles", new { name, description = "Writes reviews.", permissions = new[] { "movies:read" } }))
            .JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(name, created.GetProperty("name").GetString());
        Assert.Equal("Writes reviews.", created.GetProperty("description").GetString());
        Assert.Equal(["movies:read"], Permissions(created));

        await (await superadmin.PostAsJsonAsync("/roles", new { name, permissions = new[] { "movies:read" } }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "role_name_taken");
        await (await superadmin.PostAsJsonAsync("/roles", new { name = name + "-x", permissions = new[] { "popcorn:eat" } }))
            .AssertStatusAsync(HttpStatusCode.BadRequest);

        var read = await (await superadmin.GetAsync($"/roles/{id}")).JsonAsync();
        Assert.Equal(name, read.GetProperty("name").GetString());

        var updated = await (await superadmin.SendJsonAsync(HttpMethod.Put, $"/roles/{id}", new { name, description = "Curates too.", permissions = new[] { "movies:*" } })).JsonAsync();
        Assert.Equal("Curates too.", updated.GetProperty("description").GetString());
        Assert.Equal(["movies:*"], Permissions(updated));
        Assert.Contains((await (await superadmin.GetAsync("/roles")).JsonAsync()).EnumerateArray(), r => r.GetProperty("id").GetGuid() == id && Permissions(r).SequenceEqual(["movies:*"]));

        await (await superadmin.DeleteAsync($"/roles/{id}")).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await superadmin.GetAsync($"/roles/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await superadmin.DeleteAsync($"/roles/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var system = (await (await superadmin.GetAsync("/roles")).JsonAsync()).EnumerateArray().Single(r => r.GetProperty("name").GetString() == "superadmin");
        await (await superadmin.DeleteAsync($"/roles/{system.GetProperty("id").GetGuid()}")).AssertProblemAsync(HttpStatusCode.Conflict, "system_role");
    }

    [Fact]
    public async Task A_superadmin_grants_moderator_and_the_user_can_then_write_movies()
    {
        var account = await Host.RegisterAsync("promoted");
        using var viewer = Host.CreateClient((await Host.LoginAsync(account)).AccessToken);
        await (await viewer.PostAsJsonAsync("/movies", Movie())).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        using var superadmin = await Host.ClientAsync(Accounts.Superadmin);

        await (await superadmin.PostAsJsonAsync($"/users/{account.Id}/roles", new { role = "moderator" })).AssertStatusAsync(HttpStatusCode.NoContent);

        // The same token: a role change applies on the next request, not at token expiry.
        await (await viewer.PostAsJsonAsync("/movies", Movie())).AssertStatusAsync(HttpStatusCode.Created);
        var user = await (await superadmin.GetAsync($"/users/{account.Id}")).JsonAsync();
        Assert.Equal(["moderator", "user"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal));
        var check = await (await superadmin.GetAsync($"/users/{account.Id}/permissions/movies:write")).JsonAsync();
        Assert.True(check.GetProperty("allowed").GetBoolean());

        await (await superadmin.DeleteAsync($"/users/{account.Id}/roles/moderator")).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await viewer.PostAsJsonAsync("/movies", Movie())).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task An_admin_cannot_grant_superadmin_or_a_role_holding_what_it_lacks()
    {
        var account = await Host.RegisterAsync("target");
        using var admin = await Host.ClientAsync(Accounts.Admin);

        await (await admin.PostAsJsonAsync($"/users/{account.Id}/roles", new { role = "superadmin" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");
        await (await admin.PostAsJsonAsync($"/users/{account.Id}/roles", new { role = "moderator" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");

        var user = await (await admin.GetAsync($"/users/{account.Id}")).JsonAsync();
        Assert.Equal(["user"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        // A moderator holds no user administration at all.
        using var moderator = await Host.ClientAsync(Accounts.Moderator);
        await (await moderator.PostAsJsonAsync($"/users/{account.Id}/roles", new { role = "moderator" }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Authz_check_answers_for_the_caller()
    {
        using var user = await Host.ClientAsync(Accounts.User);
        var read = await (await user.PostAsJsonAsync("/authz/check", new { permission = "movies:read" })).JsonAsync();
        Assert.Equal("movies:read", read.GetProperty("permission").GetString());
        Assert.True(read.GetProperty("allowed").GetBoolean());
        Assert.False((await (await user.PostAsJsonAsync("/authz/check", new { permission = "movies:write" })).JsonAsync()).GetProperty("allowed").GetBoolean());
        await (await user.PostAsJsonAsync("/authz/check", new { permission = "popcorn:eat" })).AssertProblemAsync(HttpStatusCode.BadRequest, "unknown_permission");

        using var superadmin = await Host.ClientAsync(Accounts.Superadmin);
        Assert.True((await (await superadmin.PostAsJsonAsync("/authz/check", new { permission = "users:write" })).JsonAsync()).GetProperty("allowed").GetBoolean());

        using var anonymous = Host.CreateClient();
        await (await anonymous.PostAsJsonAsync("/authz/check", new { permission = "movies:read" })).AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Users_are_searched_and_paged()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        var accounts = new List<Account>();
        for (var i = 0; i < 3; i++)
        {
            accounts.Add(await Host.RegisterAsync($"search{tag}"));
        }

        using var admin = await Host.ClientAsync(Accounts.Admin);
        var page1 = await (await admin.GetAsync($"/users?search=search{tag}&page=1&pageSize=2")).JsonAsync();
        Assert.Equal(3, page1.GetProperty("total").GetInt64());
        Assert.Equal(2, page1.GetProperty("items").GetArrayLength());
        var page2 = await (await admin.GetAsync($"/users?search=search{tag}&page=2&pageSize=2")).JsonAsync();
        var emails = page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray())
            .Select(u => u.GetProperty("email").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(accounts.Select(a => a.Email).Order(StringComparer.Ordinal), emails);
        Assert.All(page1.GetProperty("items").EnumerateArray(), u => Assert.True(u.GetProperty("isActive").GetBoolean()));

        var none = await (await admin.GetAsync($"/users?search=nobody-{tag}")).JsonAsync();
        Assert.Equal(0, none.GetProperty("total").GetInt64());
        await (await admin.GetAsync("/users?pageSize=1000")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        using var user = await Host.ClientAsync(Accounts.User);
        await (await user.GetAsync($"/users?search={tag}")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Ending_a_users_sessions_signs_out_every_device_at_once()
    {
        var account = await Host.RegisterAsync("ended");
        var first = await Host.LoginAsync(account);
        using var one = Host.CreateClient(first.AccessToken);
        using var two = Host.CreateClient((await Host.LoginAsync(account)).AccessToken);
        using var admin = await Host.ClientAsync(Accounts.Admin);

        await (await admin.DeleteAsync($"/users/{account.Id}/sessions")).AssertStatusAsync(HttpStatusCode.NoContent);

        await (await one.GetAsync("/me")).AssertRevokedAsync();
        await (await two.GetAsync("/me")).AssertRevokedAsync();
        using var anonymous = Host.CreateClient();
        await (await anonymous.PostAsJsonAsync("/auth/refresh", new { refreshToken = first.RefreshToken })).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        await (await admin.DeleteAsync($"/users/{Guid.CreateVersion7()}/sessions")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        // Signing in again works: the account itself is untouched.
        await Host.LoginAsync(account);
    }

    private static object Movie() => new { title = $"Promoted {Guid.NewGuid():N}", year = 1999 };

    private static List<string?> Permissions(JsonElement role) =>
        [.. role.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).Order(StringComparer.Ordinal)];
}

public sealed class SqliteAdminJourneyTests(SqliteHostFixture fixture) : AdminJourneyTests(fixture), IClassFixture<SqliteHostFixture>;

public sealed class PostgresAdminJourneyTests(PostgresHostFixture fixture) : AdminJourneyTests(fixture), IClassFixture<PostgresHostFixture>;
