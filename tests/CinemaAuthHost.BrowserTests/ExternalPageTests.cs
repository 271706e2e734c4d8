using System.Text.RegularExpressions;
using CinemaAuthHost.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CinemaAuthHost.BrowserTests;

/// <summary>
/// External sign-in from the pages with the real OpenID Connect provider of ./test.sh (npm oidc-provider): the sign-in
/// page's provider button, the provider's own login and consent pages, back to the account page through the page
/// flow's code hand-over; then linking from the account page. SQLite only: the flow's storage is the API's, tested on
/// both providers by ExternalSignInTests.
/// </summary>
public sealed class ExternalPageTests(SqlitePagesFixture fixture) : IClassFixture<SqlitePagesFixture>
{
    [Fact]
    public async Task The_provider_button_signs_in_a_new_person_and_the_account_page_shows_the_linked_login()
    {
        var name = "pages-" + Guid.NewGuid().ToString("N")[..12];
        var page = await fixture.Browser.NewPageAsync(fixture.Host.BaseAddress);
        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Test OIDC" }).ClickAsync();

        await ProviderSignInAsync(page, name);
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(fixture.Host.BaseAddress.ToString().TrimEnd('/')) + "/account$"));
        await Expect(page.Locator("#email")).ToContainTextAsync($"{name}@example.test");
        await Expect(page.Locator("#external-heading + ul")).ToContainTextAsync("linked");
        await fixture.Browser.AssertAccessibleAsync(page);

        // An account without a password keeps its only way to sign in.
        await page.GetByRole(AriaRole.Button, new() { Name = "Unlink Test OIDC" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("only way to sign in");

        // The history names the provider.
        await page.GotoAsync("/account/sessions");
        await Expect(page.Locator("#history tbody tr").First).ToContainTextAsync("oidc");
    }

    [Fact]
    public async Task A_signed_in_person_links_the_provider_from_the_account_page_and_unlinks_it()
    {
        var account = await fixture.Host.RegisterAsync("pages-link");
        var token = await SmtpServer.Shared.WaitForTokenAsync(account.Email, "account/confirm-email");
        var page = await fixture.Browser.NewPageAsync(fixture.Host.BaseAddress);
        await page.GotoAsync($"/account/confirm-email?token={token}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my address" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Link Test OIDC" }).ClickAsync();
        await ProviderSignInAsync(page, "link-" + Guid.NewGuid().ToString("N")[..12]);
        await Expect(page).ToHaveURLAsync(new Regex("/account\\?linked=oidc$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("linked");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Unlink Test OIDC" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Unlink Test OIDC" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("unlinked");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Link Test OIDC" })).ToBeVisibleAsync();
    }

    /// <summary>oidc-provider's development login form (any name, any password), then its consent form.</summary>
    private static async Task ProviderSignInAsync(IPage page, string login)
    {
        await page.Locator("input[name=login]").FillAsync(login);
        await page.Locator("input[name=password]").FillAsync("x");
        await page.Locator("button[type=submit]").First.ClickAsync();
        var consent = page.Locator("button[type=submit]", new() { HasText = "Continue" });
        await consent.WaitForAsync();
        await consent.ClickAsync();
    }
}
