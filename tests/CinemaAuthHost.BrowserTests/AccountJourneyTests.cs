using System.Net;
using System.Text.RegularExpressions;
using CinemaAuthHost.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CinemaAuthHost.BrowserTests;

/// <summary>
/// A person's whole journey through the pages in Chromium: sign up, confirm the address from the delivered mail, sign
/// in, enrol TOTP from the QR page's secret, sign out, sign in with a code, end another session (one started through
/// the API). Every page is checked by axe-core and photographed.
/// </summary>
public abstract partial class AccountJourneyTests(PagesFixture fixture) : BrowserJourney(fixture)
{
    [Fact]
    public async Task Sign_up_confirm_sign_in_enrol_totp_sign_out_sign_in_with_a_code_and_end_another_session()
    {
        var email = Accounts.NewEmail("pages");
        var page = await Browser.NewPageAsync(Host.BaseAddress);

        // Sign up.
        await page.GotoAsync("/account/register");
        await CheckAsync(page, "register");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("First name").FillAsync("Grace");
        await page.GetByLabel("Last name").FillAsync("Viewer");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("short");
        await page.GetByLabel("Password again").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        // A weak password: the form stays, with a message that says what to do.
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/register$"));
        await CheckAsync(page, "register-error");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Accounts.StrongPassword);
        await page.GetByLabel("Password again").FillAsync(Accounts.StrongPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("confirmation link");

        // Before confirming, a correct password is refused with advice, and a new link can be sent.
        await SignInAsync(page, email, Accounts.StrongPassword);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not confirmed yet");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send a new confirmation link" })).ToBeVisibleAsync();

        // The mail's link opens the confirmation page (the link's shape is /account/confirm-email?token=...).
        var token = await SmtpServer.Shared.WaitForTokenAsync(email, "account/confirm-email");
        await page.GotoAsync($"/account/confirm-email?token={token}");
        await CheckAsync(page, "confirm-email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my address" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("confirmed");
        await CheckAsync(page, "login");

        // Sign in: the account page shows the roles and permissions of the live session.
        await SignInAsync(page, email, Accounts.StrongPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(page.Locator("#roles")).ToContainTextAsync("user");
        await Expect(page.Locator("#permissions")).ToContainTextAsync("movies:read");
        await CheckAsync(page, "account");

        // Enrol TOTP: the QR page shows the secret; a code from it turns MFA on and shows the recovery codes once.
        await page.GotoAsync("/account/security");
        await CheckAsync(page, "security");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up two-step verification" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code of the authenticator secret" })).ToBeVisibleAsync();
        var secret = (await page.Locator("#totp-secret").InnerTextAsync()).Trim();
        Assert.Matches("^[A-Z2-7]{16,}$", secret);
        await CheckAsync(page, "totp-setup");
        await page.GetByLabel("Code from the app").FillAsync(Accounts.WrongTotpCode(secret));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step verification" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("code");
        Assert.Equal(secret, (await page.Locator("#totp-secret").InnerTextAsync()).Trim());
        await page.GetByLabel("Code from the app").FillAsync(Accounts.TotpCode(secret, DateTime.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step verification" }).ClickAsync();
        await Expect(page.Locator("#recovery-codes li").First).ToBeVisibleAsync();
        var recoveryCodes = await page.Locator("#recovery-codes li").AllInnerTextsAsync();
        Assert.True(recoveryCodes.Count >= 8, $"{recoveryCodes.Count} recovery codes");
        await CheckAsync(page, "recovery-codes");

        // Sign out from the header.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("signed out");
        await page.GotoAsync("/account");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?returnUrl=%2Faccount$"));

        // Sign in again: the password, then the second step asks for a code (the next time step: the last one is spent).
        await SignInAsync(page, email, Accounts.StrongPassword);
        await Expect(page.GetByLabel("Authentication code")).ToBeVisibleAsync();
        await CheckAsync(page, "login-code");
        await page.GetByLabel("Authentication code").FillAsync(Accounts.TotpCode(secret, DateTime.UtcNow.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify and sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(page.Locator("#mfa-state")).ToHaveTextAsync("On");

        // Another session, started through the API (with a recovery code), is listed and can be ended from the page.
        var other = await (await Host.PostLoginAsync(new { email, password = Accounts.StrongPassword, recoveryCode = recoveryCodes[0] })).ReadAsync<Tokens>();
        using var api = Host.CreateClient(other.AccessToken);
        await (await api.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        await page.GotoAsync("/account/sessions");
        var apiRow = page.Locator("#sessions tbody tr", new() { HasText = CinemaHost.UserAgent });
        await Expect(apiRow).ToHaveCountAsync(1);
        await Expect(page.Locator("#sessions tbody tr:has(.badge)")).ToHaveCountAsync(1);
        await Expect(page.Locator("#history tbody tr").First).ToBeVisibleAsync();
        await CheckAsync(page, "sessions");
        await apiRow.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("signed out");
        await Expect(page.Locator("#sessions tbody tr", new() { HasText = CinemaHost.UserAgent })).ToHaveCountAsync(0);
        await (await api.GetAsync("/me")).AssertRevokedAsync();

        // The page session is still live; on a phone-width screen the account page still works.
        var phone = await Browser.NewPageAsync(Host.BaseAddress, Browser.Phone);
        await phone.GotoAsync("/account/login");
        await SignInAsync(phone, email, Accounts.StrongPassword);
        await phone.GetByText("Use a recovery code instead").ClickAsync();
        await phone.GetByLabel("Recovery code").FillAsync(recoveryCodes[1]);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Verify and sign in" }).ClickAsync();
        await Expect(phone).ToHaveURLAsync(new Regex("/account$"));
        await CheckAsync(phone, "account-phone");
        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/sessions$"));

        // Two-step verification off again, with a recovery code (the next TOTP steps may be spent already).
        await page.GotoAsync("/account/security");
        await page.GetByLabel("Recovery code").FillAsync(recoveryCodes[2]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn off two-step verification" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Two-step verification is off");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Set up two-step verification" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Profile_password_and_email_change_from_the_account_page()
    {
        var account = await Host.RegisterAsync("pages-profile");
        await ConfirmAsync(account.Email);
        var page = await Browser.NewPageAsync(Host.BaseAddress);
        await page.GotoAsync("/account/login");
        await SignInAsync(page, account.Email, account.Password);
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));

        // Profile.
        await page.GetByLabel("First name").FillAsync("Ada-Marie");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("profile is saved");
        await Expect(page.GetByLabel("First name")).ToHaveValueAsync("Ada-Marie");

        // Password: a wrong current one is refused with advice; the right one changes it and ends the other sessions.
        var other = await Host.LoginAsync(account);
        using var api = Host.CreateClient(other.AccessToken);
        await page.GetByLabel("Current password").First.FillAsync("not-the-password");
        await page.GetByLabel("New password").FillAsync("copper-meadow-orbit-58-willow");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await Browser.AssertAccessibleAsync(page);
        await page.GetByLabel("Current password").First.FillAsync(account.Password);
        await page.GetByLabel("New password").FillAsync("copper-meadow-orbit-58-willow");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("other sessions are signed out");
        await (await api.GetAsync("/me")).AssertRevokedAsync();

        // Email: a link to the new address; the address changes when the link's page is confirmed.
        var newEmail = Accounts.NewEmail("pages-new");
        await page.GetByLabel("New email").FillAsync(newEmail);
        await page.GetByLabel("Current password").Nth(1).FillAsync("copper-meadow-orbit-58-willow");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change email" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(newEmail);
        var token = await SmtpServer.Shared.WaitForTokenAsync(newEmail, "account/confirm-email");
        await page.GotoAsync($"/account/confirm-email?token={token}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my address" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));
        await Expect(page.Locator("#email")).ToContainTextAsync(newEmail);
    }

    [Fact]
    public async Task Logging_out_on_the_api_ends_the_page_session_at_the_next_request()
    {
        var account = await Host.RegisterAsync("pages-api-logout");
        await ConfirmAsync(account.Email);
        var page = await Browser.NewPageAsync(Host.BaseAddress);
        await page.GotoAsync("/account/login");
        await SignInAsync(page, account.Email, account.Password);
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));

        // The API sees the page's session among the user's sessions and ends it like any other.
        var tokens = await Host.LoginAsync(account);
        using var api = Host.CreateClient(tokens.AccessToken);
        var sessions = await (await api.GetAsync("/me/sessions")).JsonAsync();
        var pageSession = sessions.EnumerateArray().Single(s => !s.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid();
        await (await api.DeleteAsync($"/me/sessions/{pageSession}")).AssertStatusAsync(HttpStatusCode.NoContent);

        await page.ReloadAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login\\?returnUrl=%2Faccount$"));
    }

    [Fact]
    public async Task Forgot_password_mails_a_link_whose_page_sets_a_new_password()
    {
        var account = await Host.RegisterAsync("pages-reset");
        var page = await Browser.NewPageAsync(Host.BaseAddress);
        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/forgot-password$"));
        await CheckAsync(page, "forgot-password");
        await page.GetByLabel("Email").FillAsync(account.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("on its way");

        var token = await SmtpServer.Shared.WaitForTokenAsync(account.Email, "account/reset-password");
        await page.GotoAsync($"/account/reset-password?token={token}");
        await CheckAsync(page, "reset-password");
        const string newPassword = "copper-meadow-orbit-58-willow";
        await page.GetByLabel("New password").FillAsync(newPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set the password" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("password is set");

        // The link worked once; the reset also confirmed the address, so the new password signs in.
        await page.GotoAsync($"/account/reset-password?token={token}");
        await page.GetByLabel("New password").FillAsync("another-river-stone-93-falcon");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set the password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Request a new one");
        await page.GotoAsync("/account/login");
        await SignInAsync(page, account.Email, newPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/account$"));
    }
}

public sealed class SqliteAccountJourneyTests(SqlitePagesFixture fixture) : AccountJourneyTests(fixture), IClassFixture<SqlitePagesFixture>
{
    protected override bool TakesScreenshots => true;
}

public sealed class PostgresAccountJourneyTests(PostgresPagesFixture fixture) : AccountJourneyTests(fixture), IClassFixture<PostgresPagesFixture>
{
    protected override bool TakesScreenshots => false;
}
