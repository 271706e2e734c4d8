using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace CinemaAuthHost.Tests;

/// <summary>
/// The admin console (<c>/admin</c>) over real HTTP, as a browser without JavaScript uses it: what each permission shows,
/// the server-side 403 of a hand-made post without it, antiforgery, the services' refusals shown as messages, and the
/// grants, role edits, session ends and client secrets the pages make, checked through the API.
/// </summary>
public abstract partial class AdminConsoleTests(HostFixture fixture)
{
    private CinemaHost Host => fixture.Host;

    [Fact]
    public async Task A_user_without_admin_permissions_gets_403_on_every_console_page_and_post()
    {
        var target = await Host.RegisterAsync("untouched");
        using var browser = new ConsoleBrowser(Host);
        var account = await browser.SignInAsync(Accounts.Moderator);
        Assert.DoesNotContain("href=\"/admin\"", account.Html, StringComparison.Ordinal);

        foreach (var path in new[] { "/admin", "/admin/users", $"/admin/users/{target.Id}", "/admin/roles", "/admin/clients", "/admin/audit" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(path)).Status);
        }

        // A hand-made post with a valid antiforgery token (from the account page): the handler checks users:write itself.
        await browser.GetAsync("/account");
        var grant = await browser.PostAsync($"/admin/users/{target.Id}?handler=Grant", ("role", "moderator"));
        Assert.Equal(HttpStatusCode.Forbidden, grant.Status);
        await browser.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync("/admin/roles", ("Name", "sneaky"), ("permissions", "movies:read"))).Status);
        await browser.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync("/admin/clients", ("Name", "sneaky"), ("permissions", "movies:read"))).Status);

        Assert.Equal(["user"], await RolesAsync(target.Id));
        using var superadmin = await Host.ClientAsync(Accounts.Superadmin);
        var roles = await (await superadmin.GetAsync("/roles")).JsonAsync();
        Assert.DoesNotContain(roles.EnumerateArray(), r => r.GetProperty("name").GetString() == "sneaky");
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_the_sign_in_page()
    {
        using var anonymous = Host.CreateClient();
        var response = await anonymous.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.OriginalString.Replace(Host.BaseAddress.ToString().TrimEnd('/'), "", StringComparison.Ordinal), StringComparison.Ordinal);

        // A bearer token never opens a page.
        using var bearer = await Host.ClientAsync(Accounts.Superadmin);
        Assert.Equal(HttpStatusCode.Redirect, (await bearer.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task A_reader_sees_the_user_but_no_grant_revoke_or_end_sessions_controls_and_a_direct_post_is_403()
    {
        var reader = await AccountWithRoleAsync("reader", ["users:read"]);
        var target = await Host.RegisterAsync("looked-at");
        await Host.LoginAsync(target);
        using var browser = new ConsoleBrowser(Host);
        await browser.SignInAsync(reader.Email, reader.Password);

        var console = await browser.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, console.Status);
        Assert.Contains("href=\"/admin/users\"", console.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/roles\"", console.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/clients\"", console.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/admin/audit\"", console.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/admin/roles")).Status);

        var user = await browser.GetAsync($"/admin/users/{target.Id}");
        Assert.Equal(HttpStatusCode.OK, user.Status);
        Assert.Contains(target.Email, user.Text, StringComparison.Ordinal);
        Assert.Contains(CinemaHost.UserAgent, user.Text, StringComparison.Ordinal);
        Assert.False(user.HasHandler("Grant"));
        Assert.False(user.HasHandler("Revoke"));
        Assert.False(user.HasHandler("EndSessions"));

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync($"/admin/users/{target.Id}?handler=EndSessions")).Status);
        await browser.GetAsync($"/admin/users/{target.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsync($"/admin/users/{target.Id}?handler=Revoke", ("role", "user"))).Status);
        Assert.Equal(["user"], await RolesAsync(target.Id));
    }

    [Fact]
    public async Task An_admin_granting_what_it_lacks_is_refused_with_a_message_that_says_what_to_do()
    {
        var target = await Host.RegisterAsync("not-promoted");
        using var browser = new ConsoleBrowser(Host);
        await browser.SignInAsync(Accounts.Admin);
        var user = await browser.GetAsync($"/admin/users/{target.Id}");
        Assert.True(user.HasHandler("Grant"));

        // admin holds users, roles and clients permissions, not movies:write: the service's escalation guard refuses.
        var refused = await browser.PostAsync($"/admin/users/{target.Id}?handler=Grant", ("role", "moderator"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("role=\"alert\"", refused.Html, StringComparison.Ordinal);
        Assert.Contains("movies:write", refused.Text, StringComparison.Ordinal);
        Assert.Contains("which you do not hold yourself", refused.Text, StringComparison.Ordinal);
        Assert.Contains("Ask someone who holds", refused.Text, StringComparison.Ordinal);

        var superadmin = await browser.PostAsync($"/admin/users/{target.Id}?handler=Grant", ("role", "superadmin"));
        Assert.Equal(HttpStatusCode.Forbidden, superadmin.Status);
        Assert.Contains("superadmin", superadmin.Text, StringComparison.Ordinal);

        Assert.Equal(["user"], await RolesAsync(target.Id));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_changes_nothing()
    {
        var target = await Host.RegisterAsync("forged");
        using var browser = new ConsoleBrowser(Host);
        await browser.SignInAsync(Accounts.Superadmin);
        await browser.GetAsync($"/admin/users/{target.Id}");

        var forged = await browser.PostAsync($"/admin/users/{target.Id}?handler=Grant", [new("role", "moderator")], withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal(["user"], await RolesAsync(target.Id));

        var noToken = await browser.PostAsync("/admin/roles", [new("Name", "forged-role"), new("permissions", "movies:read")], withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.Status);
    }

    [Fact]
    public async Task Every_console_form_carries_an_antiforgery_token()
    {
        var target = await Host.RegisterAsync("forms");
        using var superadmin = await Host.ClientAsync(Accounts.Superadmin);
        var role = (await (await superadmin.GetAsync("/roles")).JsonAsync()).EnumerateArray().First(r => r.GetProperty("name").GetString() == "moderator");
        using var browser = new ConsoleBrowser(Host);
        await browser.SignInAsync(Accounts.Superadmin);
        foreach (var path in new[] { "/admin/users", $"/admin/users/{target.Id}", "/admin/roles", $"/admin/roles/{role.GetProperty("id").GetGuid()}", "/admin/clients" })
        {
            var page = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("no-store", page.CacheControl, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", page.Html, StringComparison.OrdinalIgnoreCase);
            var forms = PostForms().Matches(page.Html);
            Assert.All(forms, form => Assert.Contains("name=\"__csrf\"", form.Value, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Users_are_searched_and_paged_and_a_grant_and_a_revoke_apply_at_once()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var accounts = new List<Account>();
        for (var i = 0; i < 22; i++)
        {
            accounts.Add(await Host.RegisterAsync($"page{tag}"));
        }

        using var browser = new ConsoleBrowser(Host);
        await browser.SignInAsync(Accounts.Superadmin);
        var first = await browser.GetAsync($"/admin/users?search=page{tag}");
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("Page 1 of 2 (22 in all)", first.Text, StringComparison.Ordinal);
        Assert.Equal(20, UserLinks().Count(first.Html));
        var second = await browser.GetAsync($"/admin/users?search=page{tag}&page=2");
        Assert.Equal(2, UserLinks().Count(second.Html));
        var listed = UserLinks().Matches(first.Html).Concat(UserLinks().Matches(second.Html)).Select(m => Guid.Parse(m.Groups[1].Value)).ToHashSet();
        Assert.Equal(accounts.Select(a => a.Id).ToHashSet(), listed);
        Assert.Contains("No user matches", (await browser.GetAsync($"/admin/users?search=nobody-{tag}")).Text, StringComparison.Ordinal);

        var target = accounts[0];
        using var viewer = Host.CreateClient((await Host.LoginAsync(target)).AccessToken);
        await (await viewer.PostAsJsonAsync("/movies", new { title = $"Console {tag}", year = 2001 })).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");

        await browser.GetAsync($"/admin/users/{target.Id}");
        var granted = await browser.PostAsync($"/admin/users/{target.Id}?handler=Grant", ("role", "moderator"));
        Assert.Equal(HttpStatusCode.OK, granted.Status);
        Assert.Contains("Granted the role “moderator”.", granted.Text, StringComparison.Ordinal);
        Assert.Equal(["moderator", "user"], await RolesAsync(target.Id));
        await (await viewer.PostAsJsonAsync("/movies", new { title = $"Console {tag}", year = 2001 })).AssertStatusAsync(HttpStatusCode.Created);

        var revoked = await browser.PostAsync($"/admin/users/{target.Id}?handler=Revoke", ("role", "moderator"));
        Assert.Contains("Revoked the role “moderator”.", revoked.Text, StringComparison.Ordinal);
        Assert.Equal(["user"], await RolesAsync(target.Id));
    }

    [Fact]
    public async Task Ending_all_sessions_of_a_user_signs_them_out_and_the_last_superadmin_keeps_the_role()
    {
        var target = await Host.RegisterAsync("ended-by-page");
        using var one = Host.CreateClient((await Host.LoginAsync(target)).AccessToken);
        using var browser = new ConsoleBrowser(Host);
        await browser.SignInAsync(Accounts.Admin);
        var user = await browser.GetAsync($"/admin/users/{target.Id}");
        Assert.Contains("End all sessions", user.Text, StringComparison.Ordinal);

        var ended = await browser.PostAsync($"/admin/users/{target.Id}?handler=EndSessions");
        Assert.Equal(HttpStatusCode.OK, ended.Status);
        Assert.Contains("Every session of this user has ended", ended.Text, StringComparison.Ordinal);
        Assert.Contains("No live sessions.", ended.Text, StringComparison.Ordinal);
        await (await one.GetAsync("/me")).AssertRevokedAsync();

        // The service keeps the last superadmin; the page says what to do instead.
        using var api = await Host.ClientAsync(Accounts.Superadmin);
        var superadminId = (await (await api.GetAsync("/me")).JsonAsync()).GetProperty("id").GetGuid();
        using var super = new ConsoleBrowser(Host);
        await super.SignInAsync(Accounts.Superadmin);
        await super.GetAsync($"/admin/users/{superadminId}");
        var refused = await super.PostAsync($"/admin/users/{superadminId}?handler=Revoke", ("role", "superadmin"));
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("grant it to someone else first", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_is_created_its_permissions_edited_and_it_is_deleted_and_a_system_role_stays()
    {
        var name = $"critic-{Guid.NewGuid():N}"[..18];
        using var browser = new ConsoleBrowser(Host);
        await browser.SignInAsync(Accounts.Admin);
        var roles = await browser.GetAsync("/admin/roles");
        Assert.Contains("superadmin", roles.Text, StringComparison.Ordinal);
        Assert.Contains("Create a role", roles.Text, StringComparison.Ordinal);

        // admin cannot create a role with a permission it lacks: the message names it.
        var refused = await browser.PostAsync("/admin/roles", ("Name", name), ("Description", "Reviews."), ("permissions", "movies:write"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("movies:write", refused.Text, StringComparison.Ordinal);

        var created = await browser.PostAsync("/admin/roles", ("Name", name), ("Description", "Reviews."), ("permissions", "users:read"));
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Contains($"Created the role “{name}”.", created.Text, StringComparison.Ordinal);
        var id = Guid.Parse(created.Path.Split('/', '?')[3]);
        Assert.Equal(["users:read"], await PermissionsAsync(id));

        var edited = await browser.PostAsync(created.Path, ("Name", name), ("Description", "Reviews and reads."), ("permissions", "users:read"), ("permissions", "roles:read"));
        Assert.Contains($"Saved the role “{name}”.", edited.Text, StringComparison.Ordinal);
        Assert.Equal(["roles:read", "users:read"], await PermissionsAsync(id));

        var duplicate = await browser.PostAsync("/admin/roles", ("Name", name), ("permissions", "users:read"));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Contains("already exists", duplicate.Text, StringComparison.Ordinal);

        await browser.GetAsync($"/admin/roles/{id}");
        var deleted = await browser.PostAsync($"/admin/roles/{id}?handler=Delete");
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Contains("The role is deleted", deleted.Text, StringComparison.Ordinal);
        using var api = await Host.ClientAsync(Accounts.Superadmin);
        await (await api.GetAsync($"/roles/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var system = (await (await api.GetAsync("/roles")).JsonAsync()).EnumerateArray().Single(r => r.GetProperty("name").GetString() == "user").GetProperty("id").GetGuid();
        var systemPage = await browser.GetAsync($"/admin/roles/{system}");
        Assert.False(systemPage.HasHandler("Delete"));
        var kept = await browser.PostAsync($"/admin/roles/{system}?handler=Delete");
        Assert.Equal(HttpStatusCode.Conflict, kept.Status);
        Assert.Contains("cannot be deleted", kept.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_is_created_with_its_secret_shown_once_rotated_and_deleted()
    {
        var name = $"billing-{Guid.NewGuid():N}"[..18];
        using var browser = new ConsoleBrowser(Host);
        await browser.SignInAsync(Accounts.Admin);
        await browser.GetAsync("/admin/clients");

        // admin holds movies:read (through the role every account gets) but not movies:write.
        var refused = await browser.PostAsync("/admin/clients", ("Name", name), ("permissions", "movies:write"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("movies:write", refused.Text, StringComparison.Ordinal);

        var created = await browser.PostAsync("/admin/clients", ("Name", name), ("permissions", "users:read"));
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Contains("no-store", created.CacheControl, StringComparison.Ordinal);
        Assert.Contains("This is the only time the secret is shown", created.Text, StringComparison.Ordinal);
        var clientId = ById(created, "client-id");
        var secret = ById(created, "client-secret");
        Assert.NotEmpty(secret);
        Assert.True((await TokenAsync(clientId, secret)).IsSuccessStatusCode);

        var list = await browser.GetAsync("/admin/clients");
        Assert.Contains(name, list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list.Html, StringComparison.Ordinal);
        var detailsPath = Regex.Match(list.Html, $"href=\"(/admin/clients/[0-9a-f-]+)\">{Regex.Escape(name)}<").Groups[1].Value;
        var details = await browser.GetAsync(detailsPath);
        Assert.DoesNotContain(secret, details.Html, StringComparison.Ordinal);

        var rotated = await browser.PostAsync($"{detailsPath}?handler=Rotate");
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        var newSecret = ById(rotated, "client-secret");
        Assert.NotEqual(secret, newSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(clientId, secret)).StatusCode);
        Assert.True((await TokenAsync(clientId, newSecret)).IsSuccessStatusCode);

        var deleted = await browser.PostAsync($"{detailsPath}?handler=Delete");
        Assert.Contains("The client is deleted", deleted.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(clientId, newSecret)).StatusCode);
    }

    [Fact]
    public async Task The_audit_log_shows_a_grant_made_on_the_console_filtered_by_target_and_actor_and_paged()
    {
        var target = await Host.RegisterAsync("audited");
        using var browser = new ConsoleBrowser(Host);
        await browser.SignInAsync(Accounts.Superadmin);
        await browser.GetAsync($"/admin/users/{target.Id}");
        await browser.PostAsync($"/admin/users/{target.Id}?handler=Grant", ("role", "moderator"));

        var log = await browser.GetAsync($"/admin/audit?target={target.Id}");
        Assert.Equal(HttpStatusCode.OK, log.Status);
        Assert.Contains("user.role_granted", log.Text, StringComparison.Ordinal);
        Assert.Contains("\"role\": \"moderator\"", log.Text, StringComparison.Ordinal);
        Assert.Contains(Accounts.Superadmin, log.Text, StringComparison.Ordinal);
        Assert.Contains(target.Email, log.Text, StringComparison.Ordinal);
        Assert.Contains("Page 1 · 1 event", log.Text, StringComparison.Ordinal);

        using var api = await Host.ClientAsync(Accounts.Superadmin);
        var superadminId = (await (await api.GetAsync("/me")).JsonAsync()).GetProperty("id").GetGuid();
        Assert.Contains("user.role_granted", (await browser.GetAsync($"/admin/audit?actor={superadminId}&target={target.Id}")).Text, StringComparison.Ordinal);
        Assert.Contains("No audit events match these filters", (await browser.GetAsync($"/admin/audit?actor={Guid.CreateVersion7()}&target={target.Id}")).Text, StringComparison.Ordinal);
        var bad = await browser.GetAsync("/admin/audit?actor=not-an-id");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("The actor must be a user id", bad.Text, StringComparison.Ordinal);

        // 26 events about one user: 25 on the first page, the last one through the "next page" link (a keyset cursor).
        for (var i = 0; i < 12; i++)
        {
            await (await api.DeleteAsync($"/users/{target.Id}/roles/moderator")).AssertStatusAsync(HttpStatusCode.NoContent);
            await (await api.PostAsJsonAsync($"/users/{target.Id}/roles", new { role = "moderator" })).AssertStatusAsync(HttpStatusCode.NoContent);
        }

        await (await api.DeleteAsync($"/users/{target.Id}/roles/moderator")).AssertStatusAsync(HttpStatusCode.NoContent);
        var first = await browser.GetAsync($"/admin/audit?target={target.Id}");
        Assert.Equal(25, AuditRows().Count(first.Html));
        var next = WebUtility.HtmlDecode(Regex.Match(first.Html, "href=\"([^\"]+)\" rel=\"next\"").Groups[1].Value);
        Assert.Contains("cursor=", next, StringComparison.Ordinal);
        var second = await browser.GetAsync(next);
        Assert.Equal(1, AuditRows().Count(second.Html));
        Assert.Contains("user.role_granted", second.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second.Html, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> TokenAsync(string clientId, string secret)
    {
        using var client = Host.CreateClient();
        return await client.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
    }

    /// <summary>A registered account holding a new role with <paramref name="permissions"/> (made by the superadmin over the API).</summary>
    private async Task<Account> AccountWithRoleAsync(string prefix, string[] permissions)
    {
        using var superadmin = await Host.ClientAsync(Accounts.Superadmin);
        var role = $"{prefix}-{Guid.NewGuid():N}"[..20];
        await (await superadmin.PostAsJsonAsync("/roles", new { name = role, permissions })).AssertStatusAsync(HttpStatusCode.Created);
        var account = await Host.RegisterAsync(prefix);
        await (await superadmin.PostAsJsonAsync($"/users/{account.Id}/roles", new { role })).AssertStatusAsync(HttpStatusCode.NoContent);
        return account;
    }

    private async Task<List<string?>> RolesAsync(Guid userId)
    {
        using var superadmin = await Host.ClientAsync(Accounts.Superadmin);
        var user = await (await superadmin.GetAsync($"/users/{userId}")).JsonAsync();
        return [.. user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Order(StringComparer.Ordinal)];
    }

    private async Task<List<string?>> PermissionsAsync(Guid roleId)
    {
        using var superadmin = await Host.ClientAsync(Accounts.Superadmin);
        var role = await (await superadmin.GetAsync($"/roles/{roleId}")).JsonAsync();
        return [.. role.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex("<form[^>]*method=\"post\"[\\s\\S]*?</form>", RegexOptions.CultureInvariant)]
    private static partial Regex PostForms();

    [GeneratedRegex("<td data-label=\"When\">", RegexOptions.CultureInvariant)]
    private static partial Regex AuditRows();

    [GeneratedRegex("href=\"/admin/users/([0-9a-f-]{36})\"", RegexOptions.CultureInvariant)]
    private static partial Regex UserLinks();

    /// <summary>The text of the element with <paramref name="id"/>.</summary>
    private static string ById(Page page, string id) =>
        WebUtility.HtmlDecode(Regex.Match(page.Html, $"id=\"{Regex.Escape(id)}\"[^>]*>([^<]+)<", RegexOptions.CultureInvariant).Groups[1].Value);
}

public sealed class SqliteAdminConsoleTests(SqliteHostFixture fixture) : AdminConsoleTests(fixture), IClassFixture<SqliteHostFixture>;

public sealed class PostgresAdminConsoleTests(PostgresHostFixture fixture) : AdminConsoleTests(fixture), IClassFixture<PostgresHostFixture>;
