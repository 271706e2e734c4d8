using System.Net;
using System.Text.RegularExpressions;
using CinemaAuthHost.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CinemaAuthHost.BrowserTests;

/// <summary>
/// The admin console in Chromium, the last steps of the journey: an administrator signs in, makes a role and
/// edits its permissions, searches a user, grants the role (and is refused one it cannot grant, with a message), and the
/// user's next page load shows the new right; a client is created with its secret shown once; the audit log shows the
/// grant. Every page is checked by axe-core and the CSP check, and photographed; the user page also at phone width.
/// </summary>
public abstract class AdminConsoleJourneyTests(PagesFixture fixture) : BrowserJourney(fixture)
{
    [Fact]
    public async Task An_admin_searches_a_user_grants_a_role_and_the_users_next_page_load_shows_the_new_right()
    {
        // The user, signed in on their own browser: no admin rights yet.
        var viewer = await Host.RegisterAsync("console-viewer");
        await ConfirmAsync(viewer.Email);
        var user = await Browser.NewPageAsync(Host.BaseAddress);
        await user.GotoAsync("/account/login");
        await SignInAsync(user, viewer.Email, viewer.Password);
        await Expect(user).ToHaveURLAsync(new Regex("/account$"));
        await Expect(user.Locator("#permissions")).Not.ToContainTextAsync("users:read");
        await Expect(user.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToHaveCountAsync(0);

        // The administrator signs in and opens the console from the header.
        var admin = await Browser.NewPageAsync(Host.BaseAddress);
        await admin.GotoAsync("/account/login");
        await SignInAsync(admin, Accounts.Admin, Accounts.DemoPassword);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/admin$"));
        await CheckAsync(admin, "admin");

        // A role for support staff: created with users:read, then its permissions edited to add roles:read.
        var role = $"support-{Guid.NewGuid():N}"[..16];
        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Admin console" }).GetByRole(AriaRole.Link, new() { Name = "Roles" }).ClickAsync();
        await Expect(admin).ToHaveURLAsync(new Regex("/admin/roles$"));
        await CheckAsync(admin, "admin-roles");
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync(role);
        await admin.GetByLabel("Description", new() { Exact = true }).FillAsync("Answers questions about accounts.");
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = "users:read" }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create role" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"Created the role “{role}”.");
        await Expect(admin.GetByRole(AriaRole.Checkbox, new() { Name = "users:read" })).ToBeCheckedAsync();
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = "roles:read" }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save role" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"Saved the role “{role}”.");
        await Expect(admin.GetByRole(AriaRole.Checkbox, new() { Name = "roles:read" })).ToBeCheckedAsync();
        await CheckAsync(admin, "admin-role-edit");

        // Search the user and open their page.
        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Admin console" }).GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await admin.GetByLabel("Email or name contains").FillAsync(viewer.Email);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Table)).ToContainTextAsync(viewer.Email);
        await CheckAsync(admin, "admin-users");
        await admin.GetByRole(AriaRole.Link, new() { Name = viewer.Email }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = viewer.Email })).ToBeVisibleAsync();

        // A role holding what admin lacks is refused by the service, with a message that says what to do.
        await admin.GetByLabel("Grant a role").SelectOptionAsync("moderator");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Grant", Exact = true }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("movies:write");
        await Expect(admin.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ask someone who holds");
        await CheckAsync(admin, "admin-user-refused");

        // The support role is granted.
        await admin.GetByLabel("Grant a role").SelectOptionAsync(role);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Grant", Exact = true }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"Granted the role “{role}”.");
        await Expect(admin.Locator("#user-roles")).ToContainTextAsync(role);
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = $"Revoke {role}" })).ToBeVisibleAsync();
        await CheckAsync(admin, "admin-user");

        // The user's next page load shows the new right, and the console link.
        await user.ReloadAsync();
        await Expect(user.Locator("#roles")).ToContainTextAsync(role);
        await Expect(user.Locator("#permissions")).ToContainTextAsync("users:read");
        await Expect(user.GetByRole(AriaRole.Link, new() { Name = "Admin", Exact = true })).ToBeVisibleAsync();

        // ... and the console shows them only what the role allows: users and roles, no clients, no grant form.
        await user.GotoAsync("/admin");
        await Expect(user.GetByRole(AriaRole.Navigation, new() { Name = "Admin console" }).GetByRole(AriaRole.Link, new() { Name = "Clients" })).ToHaveCountAsync(0);
        await user.GotoAsync(new Uri(admin.Url).PathAndQuery);
        await Expect(user.GetByRole(AriaRole.Heading, new() { Name = viewer.Email })).ToBeVisibleAsync();
        await Expect(user.GetByLabel("Grant a role")).ToHaveCountAsync(0);
        await Expect(user.GetByRole(AriaRole.Button, new() { Name = "End all sessions" })).ToHaveCountAsync(0);
        await CheckAsync(user, "admin-user-read-only");

        // The user page on a phone-width screen.
        var phone = await Browser.NewPageAsync(Host.BaseAddress, Browser.Phone);
        await phone.GotoAsync("/account/login");
        await SignInAsync(phone, Accounts.Admin, Accounts.DemoPassword);
        await phone.GotoAsync(new Uri(admin.Url).PathAndQuery);
        await Expect(phone.GetByRole(AriaRole.Button, new() { Name = "End all sessions" })).ToBeVisibleAsync();
        await CheckAsync(phone, "admin-user-phone");

        // The audit log shows the grant, by whom, to whom.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Audit log: changes to this user" }).ClickAsync();
        var grant = admin.Locator("tbody tr", new() { HasText = "user.role_granted" });
        await Expect(grant).ToHaveCountAsync(1);
        await Expect(grant).ToContainTextAsync(role);
        await Expect(grant).ToContainTextAsync(Accounts.Admin);
        await Expect(grant).ToContainTextAsync(viewer.Email);
        await CheckAsync(admin, "admin-audit");
    }

    [Fact]
    public async Task A_client_is_created_on_the_console_and_its_secret_is_shown_once()
    {
        var admin = await Browser.NewPageAsync(Host.BaseAddress);
        await admin.GotoAsync("/account/login");
        await SignInAsync(admin, Accounts.Admin, Accounts.DemoPassword);
        await admin.GotoAsync("/admin/clients");
        await CheckAsync(admin, "admin-clients");

        var name = $"reports-{Guid.NewGuid():N}"[..16];
        await admin.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await admin.GetByRole(AriaRole.Checkbox, new() { Name = "users:read" }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create client" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Copy the secret now" })).ToBeVisibleAsync();
        var clientId = (await admin.Locator("#client-id").InnerTextAsync()).Trim();
        var secret = (await admin.Locator("#client-secret").InnerTextAsync()).Trim();
        Assert.True(secret.Length >= 32, "a long secret");
        await CheckAsync(admin, "admin-client-secret");

        // The secret works, and no later page shows it again.
        using var client = Host.CreateClient();
        var token = await client.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
        await token.AssertStatusAsync(HttpStatusCode.OK);
        await admin.GotoAsync("/admin/clients");
        Assert.DoesNotContain(secret, await admin.ContentAsync(), StringComparison.Ordinal);
        await admin.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = $"Client {name}" })).ToBeVisibleAsync();
        Assert.DoesNotContain(secret, await admin.ContentAsync(), StringComparison.Ordinal);
        await CheckAsync(admin, "admin-client");
    }
}

public sealed class SqliteAdminConsoleJourneyTests(SqlitePagesFixture fixture) : AdminConsoleJourneyTests(fixture), IClassFixture<SqlitePagesFixture>
{
    protected override bool TakesScreenshots => true;
}

public sealed class PostgresAdminConsoleJourneyTests(PostgresPagesFixture fixture) : AdminConsoleJourneyTests(fixture), IClassFixture<PostgresPagesFixture>
{
    protected override bool TakesScreenshots => false;
}
