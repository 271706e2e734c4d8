using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Stores;

namespace CinemaAuthHost.Tests;

/// <summary>
/// External sign-in end to end against a real OpenID Connect provider (npm oidc-provider on loopback, started by
/// ./test.sh): the browser-less flow follows every redirect and submits the provider's login and consent forms.
/// </summary>
public abstract class ExternalSignInTests(ExternalHostFixture fixture)
{
    private const string ReturnUrl = ExternalHostFixture.ReturnUrl;

    private CinemaHost Host => fixture.Host;

    [Fact]
    public async Task Providers_are_listed_and_a_start_needs_a_known_provider_and_an_allowed_return_url()
    {
        using var client = Host.CreateClient();
        var providers = await (await client.GetAsync("/auth/external")).JsonAsync();
        var oidc = Assert.Single(providers.EnumerateArray());
        Assert.Equal("oidc", oidc.GetProperty("name").GetString());
        Assert.Equal("Test OIDC", oidc.GetProperty("displayName").GetString());

        await (await client.GetAsync($"/auth/external/oidc?returnUrl={Uri.EscapeDataString("https://evil.test/signed-in")}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_return_url");
        await (await client.GetAsync($"/auth/external/oidc?returnUrl={Uri.EscapeDataString(ReturnUrl + "/more")}"))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_return_url");
        await (await client.GetAsync("/auth/external/oidc")).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_return_url");
        await (await client.GetAsync($"/auth/external/nope?returnUrl={Uri.EscapeDataString(ReturnUrl)}"))
            .AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var start = await client.GetAsync($"/auth/external/oidc?returnUrl={Uri.EscapeDataString(ReturnUrl)}");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(ExternalHostFixture.Issuer + "/", authorize.AbsoluteUri, StringComparison.Ordinal);
        // The provider offers pushed authorization requests (RFC 9126): the request (code, PKCE S256, state, nonce) went
        // over the back channel, and the browser carries only its handle. The provider refuses a request without PKCE.
        var query = QueryHelpers.ParseQuery(authorize.Query);
        Assert.Equal("rbackit-test", query["client_id"].ToString());
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", query["request_uri"].ToString(), StringComparison.Ordinal);
        Assert.False(query.ContainsKey("state"));
        Assert.Contains(start.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Correlation.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task First_sign_in_creates_an_account_and_the_second_signs_in_to_the_same_one()
    {
        var login = $"new-{Guid.NewGuid():N}@example.test";
        var tokens = await SignInAsync(login);
        using var client = Host.CreateClient(tokens.AccessToken);
        var me = await (await client.GetAsync("/me")).JsonAsync();
        Assert.Equal(login, me.GetProperty("email").GetString());
        Assert.True(me.GetProperty("emailConfirmed").GetBoolean());
        Assert.Equal(["user"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var logins = await (await client.GetAsync("/me/external-logins")).JsonAsync();
        var linked = Assert.Single(logins.EnumerateArray());
        Assert.Equal("oidc", linked.GetProperty("provider").GetString());
        Assert.Equal(login, linked.GetProperty("subject").GetString());
        Assert.Equal(login, linked.GetProperty("email").GetString());

        var history = await (await client.GetAsync("/me/login-history")).JsonAsync();
        var last = history.GetProperty("items").EnumerateArray().First();
        Assert.True(last.GetProperty("success").GetBoolean());
        Assert.Equal("oidc", last.GetProperty("provider").GetString());

        // A second sign-in, from another browser: the same account, not a new one.
        var again = await SignInAsync(login);
        using var second = Host.CreateClient(again.AccessToken);
        Assert.Equal(me.GetProperty("id").GetGuid(), (await (await second.GetAsync("/me")).JsonAsync()).GetProperty("id").GetGuid());
        await (await client.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unverified_provider_email_makes_an_unconfirmed_account_and_never_links_by_email()
    {
        var login = $"unverified-{Guid.NewGuid():N}@example.test";
        using var client = Host.CreateClient((await SignInAsync(login)).AccessToken);
        Assert.False((await (await client.GetAsync("/me")).JsonAsync()).GetProperty("emailConfirmed").GetBoolean());

        // A local account with the provider's (unverified) address: no link.
        var local = await Host.RegisterAsync("local");
        await ConfirmEmailAsync(local.Id);
        using var browser = new ExternalBrowser();
        Assert.Equal("error=account_exists", await FragmentAsync(browser, await StartAsync(browser), "unverified:" + local.Email));
    }

    [Fact]
    public async Task A_verified_email_links_to_a_confirmed_local_account_only()
    {
        var local = await Host.RegisterAsync("local");
        using (var browser = new ExternalBrowser())
        {
            // Not confirmed locally: whoever registered it may not own the address.
            Assert.Equal("error=account_exists", await FragmentAsync(browser, await StartAsync(browser), local.Email));
        }

        await ConfirmEmailAsync(local.Id);
        var tokens = await SignInAsync(local.Email);
        using var client = Host.CreateClient(tokens.AccessToken);
        Assert.Equal(local.Id, (await (await client.GetAsync("/me")).JsonAsync()).GetProperty("id").GetGuid());
        Assert.Single((await (await client.GetAsync("/me/external-logins")).JsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task Link_from_me_then_unlink_and_an_identity_of_another_account_is_taken()
    {
        var account = await Host.RegisterAsync("linker");
        var bearer = (await Host.LoginAsync(account)).AccessToken;
        using var client = Host.CreateClient(bearer);
        var identity = $"link-{Guid.NewGuid():N}";

        using (var browser = new ExternalBrowser())
        {
            var start = await browser.GetAsync(LinkUrl(), bearer);
            Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
            Assert.Equal("linked=oidc", await FragmentAsync(browser, start, identity));
        }

        var logins = await (await client.GetAsync("/me/external-logins")).JsonAsync();
        Assert.Equal(identity, Assert.Single(logins.EnumerateArray()).GetProperty("subject").GetString());
        await (await client.GetAsync(LinkUrl())).AssertProblemAsync(HttpStatusCode.Conflict, "external_login_taken");

        // The identity now signs in to this account.
        var tokens = await SignInAsync(identity);
        using (var signedIn = Host.CreateClient(tokens.AccessToken))
        {
            Assert.Equal(account.Id, (await (await signedIn.GetAsync("/me")).JsonAsync()).GetProperty("id").GetGuid());
        }

        // Another account cannot take it.
        var other = await Host.RegisterAsync("other");
        var otherBearer = (await Host.LoginAsync(other)).AccessToken;
        using (var browser = new ExternalBrowser())
        {
            Assert.Equal("error=external_login_taken", await FragmentAsync(browser, await browser.GetAsync(LinkUrl(), otherBearer), identity));
        }

        await (await client.DeleteAsync("/me/external-logins/oidc")).AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.Empty((await (await client.GetAsync("/me/external-logins")).JsonAsync()).EnumerateArray());
        await (await client.DeleteAsync("/me/external-logins/oidc")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        using var anonymous = Host.CreateClient();
        await (await anonymous.GetAsync("/me/external-logins")).AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_account_without_a_password_keeps_its_last_sign_in_method()
    {
        using var client = Host.CreateClient((await SignInAsync($"only-{Guid.NewGuid():N}@example.test")).AccessToken);
        await (await client.DeleteAsync("/me/external-logins/oidc")).AssertProblemAsync(HttpStatusCode.Conflict, "last_sign_in_method");
        Assert.Single((await (await client.GetAsync("/me/external-logins")).JsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task An_exchange_code_is_single_use_and_an_unknown_one_is_refused()
    {
        using var browser = new ExternalBrowser();
        var fragment = await FragmentAsync(browser, await StartAsync(browser), $"code-{Guid.NewGuid():N}@example.test");
        var code = fragment["code=".Length..];
        using var client = Host.CreateClient();
        var first = await client.PostAsJsonAsync("/auth/external/exchange", new { code });
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        var tokens = await first.ReadAsync<Tokens>();
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        await (await client.PostAsJsonAsync("/auth/external/exchange", new { code }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_code");
        await (await client.PostAsJsonAsync("/auth/external/exchange", new { code = "not-a-code" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_code");
        await (await client.PostAsJsonAsync("/auth/external/exchange", new { }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_code");
    }

    [Fact]
    public async Task A_forged_state_a_callback_in_another_browser_and_a_replayed_callback_are_refused()
    {
        using var browser = new ExternalBrowser();
        var callback = await browser.FollowAsync(await StartAsync(browser), $"state-{Guid.NewGuid():N}@example.test",
            u => u.AbsolutePath == "/auth/external/oidc/callback");
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.False(string.IsNullOrEmpty(query["code"].ToString()));

        // A state the host never issued: no trustworthy return URL.
        using var client = Host.CreateClient();
        var forged = QueryHelpers.AddQueryString(new Uri(Host.BaseAddress, callback.AbsolutePath).AbsoluteUri,
            new Dictionary<string, string?> { ["code"] = query["code"], ["state"] = "forged" + query["state"] });
        await (await client.GetAsync(forged)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_state");

        // The real callback in another browser (no correlation cookie): the state is bound to the browser that started.
        using (var other = new ExternalBrowser())
        {
            Assert.Equal("error=invalid_state", Fragment(await other.GetAsync(callback)));
        }

        // The starting browser completes, once; a replay finds its correlation cookie spent.
        Assert.StartsWith("code=", Fragment(await browser.GetAsync(callback)), StringComparison.Ordinal);
        Assert.Equal("error=invalid_state", Fragment(await browser.GetAsync(callback)));
    }

    [Fact]
    public async Task Mfa_applies_to_an_external_sign_in()
    {
        var account = await Host.RegisterAsync("mfa-external");
        var bearer = (await Host.LoginAsync(account)).AccessToken;
        using var client = Host.CreateClient(bearer);
        var secret = (await (await client.PostAsync("/me/mfa/totp/setup", null)).JsonAsync()).GetProperty("secret").GetString()!;
        var confirmed = await (await client.PostAsJsonAsync("/me/mfa/totp/confirm", new { code = Accounts.TotpCode(secret, DateTime.UtcNow) })).JsonAsync();
        var recovery = confirmed.GetProperty("recoveryCodes").EnumerateArray().First().GetString()!;
        var identity = $"mfa-{Guid.NewGuid():N}";
        using (var browser = new ExternalBrowser())
        {
            Assert.Equal("linked=oidc", await FragmentAsync(browser, await browser.GetAsync(LinkUrl(), bearer), identity));
        }

        using var signIn = new ExternalBrowser();
        var code = (await FragmentAsync(signIn, await StartAsync(signIn), identity))["code=".Length..];
        using var anonymous = Host.CreateClient();
        await (await anonymous.PostAsJsonAsync("/auth/external/exchange", new { code }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "mfa_required");
        var tokens = await (await anonymous.PostAsJsonAsync("/auth/external/exchange", new { code, recoveryCode = recovery })).ReadAsync<Tokens>();
        using var signedIn = Host.CreateClient(tokens.AccessToken);
        Assert.Equal(account.Id, (await (await signedIn.GetAsync("/me")).JsonAsync()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Logout_and_an_admins_end_of_sessions_end_an_external_session_at_once()
    {
        var login = $"logout-{Guid.NewGuid():N}@example.test";
        var tokens = await SignInAsync(login);
        using (var client = Host.CreateClient(tokens.AccessToken))
        {
            await (await client.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
            await (await client.PostAsync("/auth/logout", null)).AssertStatusAsync(HttpStatusCode.NoContent);
            await (await client.GetAsync("/me")).AssertRevokedAsync();
            await (await client.GetAsync("/movies")).AssertRevokedAsync();
        }

        using var anonymous = Host.CreateClient();
        await (await anonymous.PostAsJsonAsync("/auth/refresh", new { refreshToken = tokens.RefreshToken })).AssertStatusAsync(HttpStatusCode.Unauthorized);

        // An administrator ends every session of the user: the external one with them.
        using var session = Host.CreateClient((await SignInAsync(login)).AccessToken);
        var id = (await (await session.GetAsync("/me")).JsonAsync()).GetProperty("id").GetGuid();
        using var superadmin = await Host.ClientAsync(Accounts.Superadmin);
        await (await superadmin.DeleteAsync($"/users/{id}/sessions")).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await session.GetAsync("/me")).AssertRevokedAsync();
    }

    /// <summary>
    /// The contract's deactivation is <c>DELETE /me</c> with the password (there is no administrator route for it): an
    /// account with a password and a linked login deactivates itself from its password session.
    /// </summary>
    [Fact]
    public async Task Deactivation_ends_external_sessions_at_once_and_refuses_a_new_external_sign_in()
    {
        var account = await Host.RegisterAsync("deactivated-external");
        var bearer = (await Host.LoginAsync(account)).AccessToken;
        var identity = $"deactivate-{Guid.NewGuid():N}";
        using (var browser = new ExternalBrowser())
        {
            Assert.Equal("linked=oidc", await FragmentAsync(browser, await browser.GetAsync(LinkUrl(), bearer), identity));
        }

        var external = await SignInAsync(identity);
        using var client = Host.CreateClient(external.AccessToken);
        Assert.Equal(account.Id, (await (await client.GetAsync("/me")).JsonAsync()).GetProperty("id").GetGuid());

        using var owner = Host.CreateClient(bearer);
        await (await owner.DeleteJsonAsync("/me", new { password = account.Password })).AssertStatusAsync(HttpStatusCode.NoContent);

        await (await client.GetAsync("/me")).AssertRevokedAsync();
        using var anonymous = Host.CreateClient();
        await (await anonymous.PostAsJsonAsync("/auth/refresh", new { refreshToken = external.RefreshToken })).AssertStatusAsync(HttpStatusCode.Unauthorized);
        using var again = new ExternalBrowser();
        Assert.Equal("error=account_disabled", await FragmentAsync(again, await StartAsync(again), identity));
        await (await Host.PostLoginAsync(new { email = account.Email, password = account.Password }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task A_role_change_applies_to_the_external_sessions_next_request()
    {
        using var client = Host.CreateClient((await SignInAsync($"roles-{Guid.NewGuid():N}@example.test")).AccessToken);
        var id = (await (await client.GetAsync("/me")).JsonAsync()).GetProperty("id").GetGuid();
        var movie = new { title = $"External {Guid.NewGuid():N}", year = 2026 };
        await (await client.PostAsJsonAsync("/movies", movie)).AssertStatusAsync(HttpStatusCode.Forbidden);
        using var superadmin = await Host.ClientAsync(Accounts.Superadmin);

        await (await superadmin.PostAsJsonAsync($"/users/{id}/roles", new { role = "moderator" })).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await client.PostAsJsonAsync("/movies", movie)).AssertStatusAsync(HttpStatusCode.Created);

        await (await superadmin.DeleteAsync($"/users/{id}/roles/moderator")).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await client.PostAsJsonAsync("/movies", new { title = $"External {Guid.NewGuid():N}", year = 2026 })).AssertStatusAsync(HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// TOTP on the exchange: without a factor the same 401 <c>mfa_required</c> as the password login's MFA step, and the
    /// code stays valid so the client comes back with it; a wrong TOTP code is refused (401 <c>invalid_mfa_code</c>) and
    /// spends the one-time code (single use: the sign-in starts again); a right one completes.
    /// </summary>
    [Fact]
    public async Task Totp_is_asked_on_the_exchange_like_the_password_login_and_completes_it()
    {
        var account = await Host.RegisterAsync("totp-external");
        var bearer = (await Host.LoginAsync(account)).AccessToken;
        using var owner = Host.CreateClient(bearer);
        var secret = (await (await owner.PostAsync("/me/mfa/totp/setup", null)).JsonAsync()).GetProperty("secret").GetString()!;
        await (await owner.PostAsJsonAsync("/me/mfa/totp/confirm", new { code = Accounts.TotpCode(secret, DateTime.UtcNow) })).AssertStatusAsync(HttpStatusCode.OK);
        var identity = $"totp-{Guid.NewGuid():N}";
        using (var browser = new ExternalBrowser())
        {
            Assert.Equal("linked=oidc", await FragmentAsync(browser, await browser.GetAsync(LinkUrl(), bearer), identity));
        }

        var passwordStep = await (await Host.PostLoginAsync(new { email = account.Email, password = account.Password }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "mfa_required");
        using var anonymous = Host.CreateClient();
        var code = await CodeAsync(identity);
        var exchangeStep = await (await anonymous.PostAsJsonAsync("/auth/external/exchange", new { code }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "mfa_required");
        Assert.Equal(passwordStep.GetProperty("detail").GetString(), exchangeStep.GetProperty("detail").GetString());

        await (await anonymous.PostAsJsonAsync("/auth/external/exchange", new { code, twoFactorCode = Accounts.WrongTotpCode(secret) }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_mfa_code");
        await (await anonymous.PostAsJsonAsync("/auth/external/exchange", new { code, twoFactorCode = Accounts.TotpCode(secret, DateTime.UtcNow.AddSeconds(30)) }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_code");

        // A new sign-in; the next step's code (the confirmation used the current one).
        code = await CodeAsync(identity);
        await (await anonymous.PostAsJsonAsync("/auth/external/exchange", new { code }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "mfa_required");
        var tokens = await (await anonymous.PostAsJsonAsync("/auth/external/exchange", new { code, twoFactorCode = Accounts.TotpCode(secret, DateTime.UtcNow.AddSeconds(30)) }))
            .ReadAsync<Tokens>();
        using var signedIn = Host.CreateClient(tokens.AccessToken);
        Assert.Equal(account.Id, (await (await signedIn.GetAsync("/me")).JsonAsync()).GetProperty("id").GetGuid());
        await (await anonymous.PostAsJsonAsync("/auth/external/exchange", new { code }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_code");
    }

    private async Task<string> CodeAsync(string login)
    {
        using var browser = new ExternalBrowser();
        var fragment = await FragmentAsync(browser, await StartAsync(browser), login);
        Assert.StartsWith("code=", fragment, StringComparison.Ordinal);
        return fragment["code=".Length..];
    }

    private Uri LinkUrl() => new(Host.BaseAddress, $"/me/external-logins/oidc/link?returnUrl={Uri.EscapeDataString(ReturnUrl)}");

    private Task<HttpResponseMessage> StartAsync(ExternalBrowser browser) =>
        browser.GetAsync(new Uri(Host.BaseAddress, $"/auth/external/oidc?returnUrl={Uri.EscapeDataString(ReturnUrl)}"));

    private static async Task<string> FragmentAsync(ExternalBrowser browser, HttpResponseMessage start, string login)
    {
        var end = await browser.FollowAsync(start, login, u => u.AbsoluteUri.StartsWith(ReturnUrl, StringComparison.Ordinal));
        Assert.Equal(ReturnUrl, end.GetLeftPart(UriPartial.Query));
        return end.Fragment.TrimStart('#');
    }

    private static string Fragment(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(ReturnUrl + "#", location.OriginalString, StringComparison.Ordinal);
        return location.OriginalString[(ReturnUrl.Length + 1)..];
    }

    private async Task<Tokens> SignInAsync(string login)
    {
        using var browser = new ExternalBrowser();
        var fragment = await FragmentAsync(browser, await StartAsync(browser), login);
        Assert.StartsWith("code=", fragment, StringComparison.Ordinal);
        using var client = Host.CreateClient();
        return await (await client.PostAsJsonAsync("/auth/external/exchange", new { code = fragment["code=".Length..] })).ReadAsync<Tokens>();
    }

    private async Task ConfirmEmailAsync(Guid userId)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserStore>();
        var user = (await users.FindByIdAsync(userId, CancellationToken.None))!;
        var confirmed = user with { EmailConfirmed = true, ConcurrencyStamp = Guid.CreateVersion7() };
        Assert.Equal(StoreResult.Success, await users.UpdateAsync(confirmed, user.ConcurrencyStamp, CancellationToken.None));
    }
}

public sealed class SqliteExternalSignInTests(SqliteExternalHostFixture fixture) : ExternalSignInTests(fixture), IClassFixture<SqliteExternalHostFixture>;

public sealed class PostgresExternalSignInTests(PostgresExternalHostFixture fixture) : ExternalSignInTests(fixture), IClassFixture<PostgresExternalHostFixture>;
