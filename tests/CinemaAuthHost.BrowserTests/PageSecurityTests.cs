using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CinemaAuthHost.Hosting;
using CinemaAuthHost.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace CinemaAuthHost.BrowserTests;

/// <summary>
/// Fast checks of the pages' security on TestServer (no browser): the cookie's flags outside Development, the CSP and
/// other headers, antiforgery refusing a form without its token with a 400 page (never 500), and the API and the pages
/// keeping to their own schemes.
/// </summary>
public sealed partial class PageSecurityTests : IAsyncLifetime
{
    private readonly SqliteStorage _storage = new();
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        // Production: Secure cookies with the __Host- prefix. The client talks https to TestServer.
        var args = CinemaHost.Arguments(_storage,
            ("environment", "Production"),
            ("RbacKit:Issuer", "https://auth.cinema.test"),
            ("RbacKit:Tokens:KeyEncryptionKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
            ("RbacKit:Accounts:RequireConfirmedEmail", "false"));
        _app = CinemaApp.Build(args, b =>
        {
            b.Logging.ClearProviders();
            b.WebHost.UseTestServer();
        });
        await CinemaApp.PrepareAsync(_app, CancellationToken.None);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task The_page_cookie_is_host_prefixed_secure_httponly_and_samesite_lax_and_holds_a_real_session()
    {
        var account = await RegisterAsync();
        using var browser = new PageClient(_app);
        var response = await browser.SignInAsync(account.Email, account.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account", response.Headers.Location?.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-cinema.session=", StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        var antiforgery = browser.Cookies.GetAllCookies().Single(c => c.Name == "__Host-cinema.antiforgery");
        Assert.True(antiforgery.Secure && antiforgery.HttpOnly);

        // The session is one of the user's RbacKit sessions, listed by the API with the others.
        using var api = CreateApiClient((await LoginAsync(account)).AccessToken);
        var sessions = await (await api.GetAsync("/me/sessions")).JsonAsync();
        Assert.Equal(2, sessions.GetArrayLength());
    }

    [Fact]
    public async Task Pages_send_a_strict_csp_without_inline_script_and_no_store()
    {
        using var browser = new PageClient(_app);
        var response = await browser.Client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("form-action 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);

        // No inline script, style element or style attribute in the markup: all of it comes from /assets.
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        var css = await browser.Client.GetAsync("/assets/site.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);

        // The API keeps its own headers: no page CSP on JSON.
        var health = await browser.Client.GetAsync("/health/live");
        Assert.False(health.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_gets_a_400_page_not_a_500()
    {
        var account = await RegisterAsync();
        using var browser = new PageClient(_app);
        var forged = await browser.Client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = account.Email,
            ["Password"] = account.Password,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("text/html", forged.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The form could not be sent", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), c => c.Name == "__Host-cinema.session");

        // A signed-in page's form with a token of another person is refused the same way.
        await browser.SignInAsync(account.Email, account.Password);
        var other = new PageClient(_app);
        var otherToken = await other.TokenAsync("/account/login");
        var crossSite = await browser.Client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__csrf"] = otherToken }));
        Assert.Equal(HttpStatusCode.BadRequest, crossSite.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/account")).StatusCode);
        other.Dispose();
    }

    [Fact]
    public async Task Logout_on_the_api_ends_the_page_session_and_the_cookie_never_authenticates_the_api()
    {
        var account = await RegisterAsync();
        using var browser = new PageClient(_app);
        await browser.SignInAsync(account.Email, account.Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.Client.GetAsync("/account")).StatusCode);

        // The cookie is not a credential for the API: bearer endpoints stay bearer-only.
        await (await browser.Client.GetAsync("/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        // And a bearer token does not open a page.
        var tokens = await LoginAsync(account);
        using var api = CreateApiClient(tokens.AccessToken);
        var viaBearer = await api.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, viaBearer.StatusCode);
        Assert.StartsWith("/account/login", viaBearer.Headers.Location?.PathAndQuery ?? viaBearer.Headers.Location?.OriginalString, StringComparison.Ordinal);

        // "Sign out everywhere else" on the API ends the page's session: the next page request goes to the sign-in page.
        await (await api.PostAsync("/auth/logout-others", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        var after = await browser.Client.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private async Task<Account> RegisterAsync()
    {
        var email = Accounts.NewEmail("page-security");
        using var client = CreateApiClient(null);
        var response = await client.PostAsync("/auth/register", JsonContent(new { email, password = Accounts.StrongPassword, passwordConfirm = Accounts.StrongPassword, firstName = "Page", lastName = "Tester" }));
        var profile = await response.JsonAsync(HttpStatusCode.Created);
        return new Account(profile.GetProperty("id").GetGuid(), email, Accounts.StrongPassword);
    }

    private async Task<Tokens> LoginAsync(Account account)
    {
        using var client = CreateApiClient(null);
        return await (await client.PostAsync("/auth/login", JsonContent(new { email = account.Email, password = account.Password }))).ReadAsync<Tokens>();
    }

    private HttpClient CreateApiClient(string? accessToken)
    {
        var client = _app.GetTestClient();
        client.BaseAddress = new Uri("https://auth.cinema.test/");
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    /// <summary>A cookie-keeping client of the TestServer over https, like a browser without script.</summary>
    private sealed partial class PageClient : IDisposable
    {
        public PageClient(WebApplication app)
        {
            var server = app.GetTestServer();
            Client = new HttpClient(new CookieHandler(server.CreateHandler(), Cookies)) { BaseAddress = new Uri("https://auth.cinema.test/") };
        }

        public CookieContainer Cookies { get; } = new();

        public HttpClient Client { get; }

        public async Task<string> TokenAsync(string path)
        {
            var html = await Client.GetStringAsync(path);
            return CsrfField().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No antiforgery field on " + path);
        }

        public async Task<HttpResponseMessage> SignInAsync(string email, string password)
        {
            var token = await TokenAsync("/account/login");
            return await Client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__csrf"] = token,
                ["Email"] = email,
                ["Password"] = password,
                ["ReturnUrl"] = "/account",
            }));
        }

        public void Dispose() => Client.Dispose();

        [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
        private static partial Regex CsrfField();
    }

    /// <summary>Keeps cookies in a container (TestServer's handler has none) and never follows redirects.</summary>
    private sealed class CookieHandler(HttpMessageHandler inner, CookieContainer cookies) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (cookies.GetCookieHeader(uri) is { Length: > 0 } header)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    cookies.SetCookies(uri, value);
                }
            }

            return response;
        }
    }
}
