using System.Net;
using System.Net.Http.Json;
using CinemaAuthHost.Tests;
using Microsoft.Playwright;

namespace CinemaAuthHost.BrowserTests;

/// <summary>
/// What the browser journeys share: the host and browser of their fixture, confirming an address from the delivered
/// mail, signing in on the login page, and the axe-core and CSP check (with a picture from one storage only).
/// </summary>
public abstract class BrowserJourney(PagesFixture fixture)
{
    protected CinemaHost Host => fixture.Host;

    protected Browser Browser => fixture.Browser;

    /// <summary>Only one storage writes docs/images/pages (the pictures do not depend on it).</summary>
    protected abstract bool TakesScreenshots { get; }

    protected async Task ConfirmAsync(string email)
    {
        var token = await SmtpServer.Shared.WaitForTokenAsync(email, "account/confirm-email");
        using var client = Host.CreateClient();
        await (await client.PostAsJsonAsync("/auth/confirm-email", new { token })).AssertStatusAsync(HttpStatusCode.NoContent);
    }

    /// <summary>Fills and submits the login form. It does not wait for a load event (one run timed out on it at load 18-25
    /// while the next page was already there): every caller waits for what it expects next with a web-first assertion.</summary>
    protected static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    /// <summary>axe-core and the CSP check on the page as it is now, then its picture.</summary>
    protected async Task CheckAsync(IPage page, string name)
    {
        await Browser.AssertAccessibleAsync(page);
        if (TakesScreenshots)
        {
            await Browser.ScreenshotAsync(page, name);
        }
    }
}
