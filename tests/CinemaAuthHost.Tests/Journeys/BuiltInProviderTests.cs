using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Stores;

namespace CinemaAuthHost.Tests;

/// <summary>
/// The built-in Yandex, GitHub and Google types end to end against <see cref="ProviderStandIn"/>, a local stand-in of
/// each provider's endpoints with the real request and response shapes (documented there): the host's OAuth handler
/// sends code + PKCE S256 + state, the stand-in checks the client secret, the single-use code, the redirect URI and the
/// verifier, and the host reads the person from the provider's user API.
/// </summary>
public abstract class BuiltInProviderTests(BuiltInHostFixture fixture)
{
    private const string ReturnUrl = BuiltInHostFixture.ReturnUrl;

    private CinemaHost Host => fixture.Host;

    private ProviderStandIn StandIn => fixture.StandIn;

    [Fact]
    public async Task The_built_in_providers_are_listed()
    {
        using var client = Host.CreateClient();
        var names = (await (await client.GetAsync("/auth/external")).JsonAsync()).EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string?>(["yandex", "github", "google"], StringComparer.Ordinal), names);
    }

    [Theory]
    [InlineData("yandex", StandInKind.Yandex)]
    [InlineData("github", StandInKind.GitHub)]
    [InlineData("google", StandInKind.Google)]
    public async Task First_sign_in_creates_an_account_with_the_providers_email_and_the_second_lands_on_it(string provider, StandInKind kind)
    {
        var email = $"{provider}-{Guid.NewGuid():N}@example.test";
        var tokens = await SignInAsync(provider, email);
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        using var client = Host.CreateClient(tokens.AccessToken);
        var me = await (await client.GetAsync("/me")).JsonAsync();
        Assert.Equal(email, me.GetProperty("email").GetString());
        Assert.True(me.GetProperty("emailConfirmed").GetBoolean());
        Assert.Equal(["user"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var linked = Assert.Single((await (await client.GetAsync("/me/external-logins")).JsonAsync()).EnumerateArray());
        Assert.Equal(provider, linked.GetProperty("provider").GetString());
        Assert.Equal(StandIn.IdOf(kind, email), linked.GetProperty("subject").GetString());
        Assert.Equal(email, linked.GetProperty("email").GetString());
        var history = await (await client.GetAsync("/me/login-history")).JsonAsync();
        Assert.Equal(provider, history.GetProperty("items").EnumerateArray().First().GetProperty("provider").GetString());

        var again = await SignInAsync(provider, email);
        using var second = Host.CreateClient(again.AccessToken);
        Assert.Equal(me.GetProperty("id").GetGuid(), (await (await second.GetAsync("/me")).JsonAsync()).GetProperty("id").GetGuid());
        Assert.Single((await (await second.GetAsync("/me/external-logins")).JsonAsync()).EnumerateArray());
    }

    [Theory]
    [InlineData("yandex")]
    [InlineData("github")]
    [InlineData("google")]
    public async Task A_verified_provider_email_links_to_a_confirmed_local_account(string provider)
    {
        var local = await Host.RegisterAsync($"local-{provider}");
        await ConfirmEmailAsync(local.Id);
        using var client = Host.CreateClient((await SignInAsync(provider, local.Email)).AccessToken);
        Assert.Equal(local.Id, (await (await client.GetAsync("/me")).JsonAsync()).GetProperty("id").GetGuid());
        Assert.Equal(provider, Assert.Single((await (await client.GetAsync("/me/external-logins")).JsonAsync()).EnumerateArray()).GetProperty("provider").GetString());
    }

    /// <summary>GitHub's primary address with <c>verified: false</c>, Google's <c>email_verified: false</c> (Yandex has no unverified default address).</summary>
    [Theory]
    [InlineData("github")]
    [InlineData("google")]
    public async Task An_unverified_provider_email_never_links_to_an_existing_account(string provider)
    {
        var local = await Host.RegisterAsync($"unverified-{provider}");
        await ConfirmEmailAsync(local.Id);
        using (var browser = new ExternalBrowser())
        {
            Assert.Equal("error=account_exists", await FragmentAsync(browser, provider, ProviderStandIn.UnverifiedPrefix + local.Email));
        }

        using var owner = Host.CreateClient((await Host.LoginAsync(local)).AccessToken);
        Assert.Empty((await (await owner.GetAsync("/me/external-logins")).JsonAsync()).EnumerateArray());

        // A new address, unverified: a new account whose address is not confirmed.
        var fresh = $"fresh-{provider}-{Guid.NewGuid():N}@example.test";
        using var client = Host.CreateClient((await SignInAsync(provider, ProviderStandIn.UnverifiedPrefix + fresh)).AccessToken);
        var me = await (await client.GetAsync("/me")).JsonAsync();
        Assert.Equal(fresh, me.GetProperty("email").GetString());
        Assert.False(me.GetProperty("emailConfirmed").GetBoolean());
    }

    [Theory]
    [InlineData("yandex")]
    [InlineData("github")]
    [InlineData("google")]
    public async Task The_state_is_bound_to_the_browser_and_the_provider_code_is_single_use(string provider)
    {
        using var browser = new ExternalBrowser();
        var callback = await browser.FollowAsync(await StartAsync(browser, provider), $"state-{Guid.NewGuid():N}@example.test",
            u => u.AbsolutePath == $"/auth/external/{provider}/callback");
        var query = QueryHelpers.ParseQuery(callback.Query);
        Assert.False(string.IsNullOrEmpty(query["state"].ToString()));

        // Another browser (no correlation cookie) cannot complete it; a forged state has no return URL at all.
        using (var other = new ExternalBrowser())
        {
            Assert.Equal("error=invalid_state", Fragment(await other.GetAsync(callback)));
        }

        using var client = Host.CreateClient();
        var forged = QueryHelpers.AddQueryString(new Uri(Host.BaseAddress, callback.AbsolutePath).AbsoluteUri,
            new Dictionary<string, string?> { ["code"] = query["code"], ["state"] = "forged" + query["state"] });
        await (await client.GetAsync(forged)).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_state");

        Assert.StartsWith("code=", Fragment(await browser.GetAsync(callback)), StringComparison.Ordinal);
        Assert.Equal("error=invalid_state", Fragment(await browser.GetAsync(callback)));
    }

    [Fact]
    public async Task A_client_secret_the_provider_refuses_ends_the_flow_with_provider_error()
    {
        var refused = StandIn.RefusedTokenRequests;
        using var browser = new ExternalBrowser();
        Assert.Equal("error=provider_error", await FragmentAsync(browser, BuiltInHostFixture.WrongSecret, $"secret-{Guid.NewGuid():N}@example.test"));
        Assert.True(StandIn.RefusedTokenRequests > refused);
    }

    private Task<HttpResponseMessage> StartAsync(ExternalBrowser browser, string provider) =>
        browser.GetAsync(new Uri(Host.BaseAddress, $"/auth/external/{provider}?returnUrl={Uri.EscapeDataString(ReturnUrl)}"));

    private async Task<string> FragmentAsync(ExternalBrowser browser, string provider, string login)
    {
        var end = await browser.FollowAsync(await StartAsync(browser, provider), login, u => u.AbsoluteUri.StartsWith(ReturnUrl, StringComparison.Ordinal));
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

    private async Task<Tokens> SignInAsync(string provider, string login)
    {
        using var browser = new ExternalBrowser();
        var fragment = await FragmentAsync(browser, provider, login);
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

public sealed class SqliteBuiltInProviderTests(SqliteBuiltInHostFixture fixture) : BuiltInProviderTests(fixture), IClassFixture<SqliteBuiltInHostFixture>;

public sealed class PostgresBuiltInProviderTests(PostgresBuiltInHostFixture fixture) : BuiltInProviderTests(fixture), IClassFixture<PostgresBuiltInHostFixture>;
