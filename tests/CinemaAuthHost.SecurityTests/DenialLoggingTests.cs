using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using RbacKit.Testing.Logging;

namespace CinemaAuthHost.SecurityTests;

public sealed class DenialLoggingFixture : SecurityHostFixture
{
    public LogCapture Logs { get; } = new();

    protected override string Name => "denials";

    protected override SecurityHostHooks Hooks => new(Logging: logging => logging.AddProvider(Logs));
}

/// <summary>
/// Denied decisions are logged: a permission denial (event 2101) and every refused escalation in the admin endpoints
/// (2601 superadmin required, 2602 permissions not held, 2603 last superadmin), with actor, target, what was refused and
/// why; and no token, password or refresh token ever reaches a log message.
/// </summary>
public sealed class DenialLoggingTests(DenialLoggingFixture fixture) : IClassFixture<DenialLoggingFixture>
{
    private const int PermissionDenied = 2101;
    private const int SuperadminRequired = 2601;
    private const int PermissionsNotHeld = 2602;
    private const int LastSuperadmin = 2603;

    private SecurityHost Host => fixture.Host;

    private static async Task<Guid> IdOfAsync(HttpClient client) =>
        (await (await client.GetAsync("/me")).JsonAsync()).GetProperty("id").GetGuid();

    private CapturedLogEntry SingleEntry(int eventId, Func<CapturedLogEntry, bool> match)
    {
        var entries = fixture.Logs.WithEventId(eventId).Where(match).ToList();
        Assert.True(entries.Count == 1, $"expected one entry {eventId}, got {entries.Count}: {string.Join(" | ", fixture.Logs.WithEventId(eventId).Select(e => e.Message))}");
        return entries[0];
    }

    [Fact]
    public async Task A_permission_denial_is_logged_with_user_permission_and_route()
    {
        var account = await Host.RegisterAsync("denied");
        using var user = Host.CreateClient((await Host.LoginAsync(account)).AccessToken);
        await (await user.PostAsJsonAsync("/authors", new { name = "x" })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        var entry = SingleEntry(PermissionDenied, e => Equals(e["UserId"], account.Id));
        Assert.Equal("movies:write", entry["Permission"]);
        Assert.Equal("POST", entry["Method"]);
        Assert.Equal("/authors", entry["Path"]?.ToString());
    }

    [Fact]
    public async Task Granting_superadmin_without_being_one_is_logged()
    {
        var target = await Host.RegisterAsync("escalate-super");
        using var admin = await Host.ClientAsync(Api.Admin);
        var adminId = await IdOfAsync(admin);
        await (await admin.PostAsJsonAsync($"/users/{target.Id}/roles", new { role = "superadmin" })).AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");

        var entry = SingleEntry(SuperadminRequired, e => e["Target"] is string t && t.Contains(target.Id.ToString(), StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(adminId, entry["ActorId"]);
        Assert.Equal("superadmin", entry["Refused"]);
        Assert.Equal("privilege_escalation", entry["Reason"]);
        Assert.Equal("grant role", entry["Action"]);
    }

    [Fact]
    public async Task Granting_a_role_or_permission_the_admin_lacks_is_logged()
    {
        var target = await Host.RegisterAsync("escalate-perm");
        using var admin = await Host.ClientAsync(Api.Admin);
        var adminId = await IdOfAsync(admin);

        // "moderator" holds movies:write, which the admin role lacks.
        await (await admin.PostAsJsonAsync($"/users/{target.Id}/roles", new { role = "moderator" })).AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");
        var grant = SingleEntry(PermissionsNotHeld, e => e["Target"] is string t && t.Contains(target.Id.ToString(), StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, grant.Level);
        Assert.Equal(adminId, grant["ActorId"]);
        Assert.Contains("movies:write", ((string)grant["Refused"]!).Split(','));
        Assert.Equal("privilege_escalation", grant["Reason"]);

        var roleName = $"esc-{Guid.NewGuid():N}";
        await (await admin.PostAsJsonAsync("/roles", new { name = roleName, permissions = new[] { "users:read", "movies:write" } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");
        var role = SingleEntry(PermissionsNotHeld, e => e["Target"] is string t && t.Contains(roleName, StringComparison.Ordinal));
        Assert.Equal(adminId, role["ActorId"]);
        Assert.Equal("movies:write", role["Refused"]);
        Assert.Equal("create role", role["Action"]);

        // Asking only for permissions it holds, on a role that already holds one it lacks: the guard refuses on the
        // role's existing permissions, and the log names them.
        var roles = await (await admin.GetAsync("/roles")).JsonAsync();
        var moderator = roles.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "moderator").GetProperty("id").GetGuid();
        await (await admin.PutAsJsonAsync($"/roles/{moderator}", new { name = "moderator", permissions = new[] { "users:read" } }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");
        var update = SingleEntry(PermissionsNotHeld, e => e["Target"] is string t && t.Contains(moderator.ToString(), StringComparison.Ordinal));
        Assert.Equal("update role", update["Action"]);
        Assert.Contains("movies:write", ((string)update["Refused"]!).Split(','));
    }

    [Fact]
    public async Task Removing_the_last_superadmin_is_logged()
    {
        using var superadmin = await Host.ClientAsync(Api.Superadmin);
        var superadminId = await IdOfAsync(superadmin);
        var before = fixture.Logs.WithEventId(LastSuperadmin).Count;
        await (await superadmin.DeleteAsync($"/users/{superadminId}/roles/superadmin")).AssertProblemAsync(HttpStatusCode.Conflict, "last_superadmin");

        var entries = fixture.Logs.WithEventId(LastSuperadmin);
        Assert.Equal(before + 1, entries.Count);
        var entry = entries[^1];
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(superadminId, entry["ActorId"]);
        Assert.Equal($"user {superadminId}", entry["Target"]);
        Assert.Equal("superadmin", entry["Refused"]);
        Assert.Equal("last_superadmin", entry["Reason"]);
    }

    [Fact]
    public async Task Only_a_superadmin_ends_a_superadmins_sessions_and_the_refusal_is_logged()
    {
        // The demo superadmin is the target (making another superadmin would change what the other tests see).
        var superadminTokens = await Host.LoginAsync(Api.Superadmin);
        using var superadmin = Host.CreateClient(superadminTokens.AccessToken);
        var superadminId = await IdOfAsync(superadmin);

        using var admin = await Host.ClientAsync(Api.Admin);
        var adminId = await IdOfAsync(admin);
        await (await admin.DeleteAsync($"/users/{superadminId}/sessions")).AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");
        var entry = SingleEntry(SuperadminRequired, e => Equals(e["Target"], $"user {superadminId}") && Equals(e["ActorId"], adminId));
        Assert.Equal("privilege_escalation", entry["Reason"]);

        // The superadmin's session survived; a superadmin may end it.
        await (await superadmin.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        await (await superadmin.DeleteAsync($"/users/{superadminId}/sessions")).AssertStatusAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Only_a_superadmin_changes_the_default_role_every_registration_inherits()
    {
        using var admin = await Host.ClientAsync(Api.Admin);
        var roles = await (await admin.GetAsync("/roles")).JsonAsync();
        var user = roles.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "user");
        var id = user.GetProperty("id").GetGuid();
        var permissions = user.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).ToList();

        // users:read is held by the admin, so only the system-role rule refuses it.
        await (await admin.PutAsJsonAsync($"/roles/{id}", new { name = "user", permissions = permissions.Append("users:read").ToArray() }))
            .AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");
        Assert.Equal("update role", SingleEntry(SuperadminRequired, e => Equals(e["Target"], $"role {id}"))["Action"]);
        var after = (await (await admin.GetAsync($"/roles/{id}")).JsonAsync()).GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!);
        Assert.Equal(permissions, after);

        using var superadmin = await Host.ClientAsync(Api.Superadmin);
        await (await superadmin.PutAsJsonAsync($"/roles/{id}", new { name = "user", permissions = permissions.ToArray() })).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_login_a_grant_and_a_role_change_each_leave_one_information_line()
    {
        var account = await Host.RegisterAsync("info-lines");
        await Host.LoginAsync(account);
        Assert.Equal(LogLevel.Information, SingleEntry(1002, e => Equals(e["UserId"], account.Id)).Level);

        using var superadmin = await Host.ClientAsync(Api.Superadmin);
        var superadminId = await IdOfAsync(superadmin);
        await (await superadmin.PostAsJsonAsync($"/users/{account.Id}/roles", new { role = "moderator" })).AssertStatusAsync(HttpStatusCode.NoContent);
        var grant = SingleEntry(1311, e => Equals(e["UserId"], account.Id));
        Assert.Equal(superadminId, grant["ActorId"]);
        Assert.Equal("moderator", grant["Role"]);
        await (await superadmin.DeleteAsync($"/users/{account.Id}/roles/moderator")).AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.Equal("moderator", SingleEntry(1312, e => Equals(e["UserId"], account.Id))["Role"]);

        var name = $"info-{Guid.NewGuid():N}"[..20];
        var created = await (await superadmin.PostAsJsonAsync("/roles", new { name, permissions = new[] { "movies:read" } })).JsonAsync(HttpStatusCode.Created);
        var roleId = created.GetProperty("id").GetGuid();
        await (await superadmin.PutAsJsonAsync($"/roles/{roleId}", new { name, permissions = new[] { "movies:read", "users:read" } })).AssertStatusAsync(HttpStatusCode.OK);
        var change = SingleEntry(1314, e => Equals(e["RoleId"], roleId));
        Assert.Equal(superadminId, change["ActorId"]);
        Assert.Equal("movies:read,users:read", change["Permissions"]);
        Assert.All(fixture.Logs.Entries, e => Assert.DoesNotContain(account.Password, e.AllText(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_token_password_or_refresh_token_reaches_a_log_during_login_refresh_and_escalation()
    {
        var secrets = new List<string>();
        var account = await Host.RegisterAsync("secrets");
        secrets.Add(account.Password);

        var wrong = "wrong-" + Guid.NewGuid().ToString("N");
        secrets.Add(wrong);
        await (await Host.PostLoginAsync(new { email = account.Email, password = wrong })).AssertStatusAsync(HttpStatusCode.Unauthorized);

        var first = await Host.LoginAsync(account);
        secrets.AddRange([first.AccessToken, first.RefreshToken]);
        using var anonymous = Host.CreateClient();
        var second = await (await anonymous.PostAsJsonAsync("/auth/refresh", new { refreshToken = first.RefreshToken })).ReadAsync<Tokens>();
        secrets.AddRange([second.AccessToken, second.RefreshToken]);
        // The spent refresh token again: reuse detection logs, and must not log the token.
        await (await anonymous.PostAsJsonAsync("/auth/refresh", new { refreshToken = first.RefreshToken })).AssertStatusAsync(HttpStatusCode.Unauthorized);

        var admin = await Host.LoginAsync(Api.Admin);
        secrets.AddRange([admin.AccessToken, admin.RefreshToken, Api.DemoPassword]);
        using var adminClient = Host.CreateClient(admin.AccessToken);
        await (await adminClient.PostAsJsonAsync($"/users/{account.Id}/roles", new { role = "superadmin" })).AssertProblemAsync(HttpStatusCode.Forbidden, "privilege_escalation");
        var third = await Host.LoginAsync(account); // the reuse above ended the session of first and second
        secrets.AddRange([third.AccessToken, third.RefreshToken]);
        using var user = Host.CreateClient(third.AccessToken);
        await (await user.PostAsJsonAsync("/authors", new { name = "x" })).AssertStatusAsync(HttpStatusCode.Forbidden);

        var entries = fixture.Logs.Entries;
        Assert.Contains(entries, e => e.EventId.Id == SuperadminRequired); // the journey was logged at all
        Assert.Contains(entries, e => e.EventId.Id == PermissionDenied);
        foreach (var entry in entries)
        {
            var text = entry.AllText();
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret reached the log: {entry.Category} {entry.EventId}");
            }

            // No fragment of a token either (a JWS segment is long enough to be unmistakable).
            foreach (var token in new[] { first.AccessToken, second.AccessToken, third.AccessToken, admin.AccessToken })
            {
                Assert.DoesNotContain(token.Split('.')[2], text, StringComparison.Ordinal);
            }
        }
    }
}
