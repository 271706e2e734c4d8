using System.Net;
using System.Net.Http.Json;

namespace CinemaAuthHost.Tests;

/// <summary>
/// Issue 15 on two instances sharing PostgreSQL and Redis, with the real OpenID Connect provider of ./test.sh: an
/// external sign-in on one instance, its token used on the other; what one instance revokes or grants reaches the other
/// (bounded polling, <see cref="PostgresInstancePair.Propagation"/>).
/// </summary>
public sealed class PostgresExternalTwoInstanceTests : PostgresInstancePair
{
    private const string ReturnUrl = ExternalHostFixture.ReturnUrl;

    protected override (string Key, string Value)[] Settings => ExternalHostFixture.Settings;

    [Fact]
    public async Task Logout_and_a_role_change_on_one_instance_apply_to_an_external_session_on_the_other()
    {
        var login = $"two-external-{Guid.NewGuid():N}@example.test";
        var tokens = await SignInAsync(A, login);
        using var onB = B.CreateClient(tokens.AccessToken);
        var id = (await (await onB.GetAsync("/me")).JsonAsync()).GetProperty("id").GetGuid();
        var movie = new { title = $"Two external {Guid.NewGuid():N}", year = 2026 };
        await (await onB.PostAsJsonAsync("/movies", movie)).AssertStatusAsync(HttpStatusCode.Forbidden);

        using var superadmin = await A.ClientAsync(Accounts.Superadmin);
        await (await superadmin.PostAsJsonAsync($"/users/{id}/roles", new { role = "moderator" })).AssertStatusAsync(HttpStatusCode.NoContent);
        await Http.EventuallyAsync(
            async () => (await (await onB.PostAsJsonAsync("/authz/check", new { permission = "movies:write" })).JsonAsync()).GetProperty("allowed").GetBoolean(),
            Propagation, "the grant on A reaches B");
        await (await onB.PostAsJsonAsync("/movies", movie)).AssertStatusAsync(HttpStatusCode.Created);

        using var onA = A.CreateClient(tokens.AccessToken);
        await (await onA.PostAsync("/auth/logout", null)).AssertStatusAsync(HttpStatusCode.NoContent);
        await Http.EventuallyAsync(async () => (await onB.GetAsync("/me")).StatusCode == HttpStatusCode.Unauthorized, Propagation, "the logout on A reaches B");
        await (await onB.GetAsync("/me")).AssertRevokedAsync();
    }

    [Fact]
    public async Task Deactivation_on_one_instance_ends_the_external_session_on_the_other_and_refuses_a_new_sign_in_there()
    {
        var account = await A.RegisterAsync("two-external-deactivated");
        var bearer = (await A.LoginAsync(account)).AccessToken;
        var identity = $"two-deactivate-{Guid.NewGuid():N}";
        using (var browser = new ExternalBrowser())
        {
            var link = await browser.GetAsync(new Uri(A.BaseAddress, $"/me/external-logins/oidc/link?returnUrl={Uri.EscapeDataString(ReturnUrl)}"), bearer);
            Assert.Equal("linked=oidc", await FragmentAsync(browser, link, identity));
        }

        var external = await SignInAsync(B, identity);
        using var onB = B.CreateClient(external.AccessToken);
        Assert.Equal(account.Id, (await (await onB.GetAsync("/me")).JsonAsync()).GetProperty("id").GetGuid());

        using var owner = A.CreateClient(bearer);
        await (await owner.DeleteJsonAsync("/me", new { password = account.Password })).AssertStatusAsync(HttpStatusCode.NoContent);

        await Http.EventuallyAsync(async () => (await onB.GetAsync("/me")).StatusCode == HttpStatusCode.Unauthorized, Propagation, "the deactivation on A reaches B");
        await (await onB.GetAsync("/me")).AssertRevokedAsync();
        using var again = new ExternalBrowser();
        Assert.Equal("error=account_disabled", await FragmentAsync(again, await StartAsync(B, again), identity));
    }

    private static Task<HttpResponseMessage> StartAsync(CinemaHost host, ExternalBrowser browser) =>
        browser.GetAsync(new Uri(host.BaseAddress, $"/auth/external/oidc?returnUrl={Uri.EscapeDataString(ReturnUrl)}"));

    private static async Task<string> FragmentAsync(ExternalBrowser browser, HttpResponseMessage start, string login)
    {
        var end = await browser.FollowAsync(start, login, u => u.AbsoluteUri.StartsWith(ReturnUrl, StringComparison.Ordinal));
        Assert.Equal(ReturnUrl, end.GetLeftPart(UriPartial.Query));
        return end.Fragment.TrimStart('#');
    }

    private static async Task<Tokens> SignInAsync(CinemaHost host, string login)
    {
        using var browser = new ExternalBrowser();
        var fragment = await FragmentAsync(browser, await StartAsync(host, browser), login);
        Assert.StartsWith("code=", fragment, StringComparison.Ordinal);
        using var client = host.CreateClient();
        return await (await client.PostAsJsonAsync("/auth/external/exchange", new { code = fragment["code=".Length..] })).ReadAsync<Tokens>();
    }
}
