using System.Net;
using System.Net.Http.Json;

namespace CinemaAuthHost.SecurityTests;

public sealed class HeaderFixture : SecurityHostFixture
{
    protected override string Name => "headers";
}

/// <summary>
/// Response headers (issue 12): nosniff on every response, no <c>Server</c> header, <c>Cache-Control: no-store</c> on every
/// account and token response (also the 401s that never reach a handler), and a Content-Security-Policy on the docs
/// page that allows its inline bootstrap script by hash and nothing from another origin.
/// </summary>
public sealed class HeaderTests(HeaderFixture fixture) : IClassFixture<HeaderFixture>
{
    private SecurityHost Host => fixture.Host;

    public static TheoryData<string, string> Requests => new()
    {
        { "GET", "/health/live" },
        { "GET", "/.well-known/jwks.json" },
        { "GET", "/openapi/v1.json" },
        { "GET", "/docs/" },
        { "GET", "/no-such-route" },
        { "GET", "/me" },
        { "GET", "/movies" },
        { "POST", "/auth/login" },
        { "DELETE", "/.well-known/jwks.json" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Every_response_is_nosniff_and_names_no_server(string method, string path)
    {
        using var client = Host.CreateClient();
        using var response = await client.SendAsync(new HttpMethod(method), path, method == "POST" ? "{" : null);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.False(response.Headers.Contains("Server"), $"Server: {string.Join(',', response.Headers.TryGetValues("Server", out var v) ? v : [])}");
    }

    [Fact]
    public async Task Account_and_token_responses_are_never_cached()
    {
        using var anonymous = Host.CreateClient();
        var login = await anonymous.PostAsJsonAsync("/auth/login", new { email = Api.User, password = Api.DemoPassword });
        AssertNoStore(login);
        var tokens = await login.ReadAsync<Tokens>();
        AssertNoStore(await anonymous.PostAsJsonAsync("/auth/refresh", new { refreshToken = tokens.RefreshToken }));
        AssertNoStore(await anonymous.PostAsJsonAsync("/auth/login", new { email = Api.User, password = "wrong-password-1" }));
        AssertNoStore(await anonymous.GetAsync("/me"));
        AssertNoStore(await anonymous.GetAsync("/me/sessions"));

        using var client = Host.CreateClient(tokens.AccessToken);
        foreach (var path in new[] { "/me", "/me/sessions", "/me/permissions", "/me/login-history" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            AssertNoStore(response);
        }

        AssertNoStore(await client.SendAsync(HttpMethod.Patch, "/me", "{"));
    }

    [Fact]
    public async Task The_docs_page_has_a_strict_content_security_policy_that_allows_its_own_inline_script()
    {
        using var client = Host.CreateClient();
        var response = await client.GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToArray(), StringComparer.Ordinal);
        Assert.Equal(["'self'"], directives["default-src"]);
        Assert.Equal(["'none'"], directives["object-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        var scripts = directives["script-src"];
        Assert.Equal("'self'", scripts[0]);
        Assert.All(scripts.Skip(1), s => Assert.StartsWith("'sha256-", s, StringComparison.Ordinal));
        Assert.DoesNotContain("'unsafe-inline'", scripts);
        Assert.DoesNotContain("'unsafe-eval'", scripts);
        Assert.DoesNotContain(directives.Values.SelectMany(v => v), v => v.Contains("://", StringComparison.Ordinal) || v == "*");

        // Every inline script of the page is allowed by its hash (else the page would not start).
        var inline = System.Text.RegularExpressions.Regex.Matches(html, "<script(?:\\s+type=\"module\")?\\s*>(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.NotEmpty(inline);
        foreach (System.Text.RegularExpressions.Match script in inline)
        {
            var hash = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script.Groups[1].Value)));
            Assert.Contains($"'sha256-{hash}'", scripts);
        }

        // The scripts it loads are the host's own.
        foreach (var src in new[] { "scalar.js", "scalar.aspnetcore.js" })
        {
            Assert.Contains($"src=\"{src}\"", html, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/docs/{src}")).StatusCode);
        }
    }

    private static void AssertNoStore(HttpResponseMessage response)
    {
        Assert.True(response.Headers.CacheControl?.NoStore == true, $"{response.RequestMessage?.RequestUri} {(int)response.StatusCode}: Cache-Control {response.Headers.CacheControl}");
    }
}
