using System.Net;

namespace CinemaAuthHost.SecurityTests;

/// <summary>
/// Outside Development plain HTTP is redirected to HTTPS (and HTTPS answers carry HSTS) unless <c>Https:Redirect</c> /
/// <c>Https:Hsts</c> turn it off for a TLS-terminating proxy (issue 12).
/// </summary>
public sealed class HttpsTests
{
    private static (string Key, string Value)[] Production(params (string Key, string Value)[] more) =>
    [
        ("environment", "Production"),
        ("RbacKit:Issuer", "https://auth.example.com"),
        ("https_port", "443"),
        .. more,
    ];

    [Fact]
    public async Task Production_redirects_plain_http_to_https()
    {
        await using var host = await SecurityHost.StartAsync("https_on", Production());
        using var client = host.CreateClient();
        var response = await client.GetAsync("/.well-known/jwks.json");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https", response.Headers.Location?.Scheme);
    }

    [Fact]
    public async Task Behind_a_tls_proxy_the_redirect_can_be_switched_off()
    {
        await using var host = await SecurityHost.StartAsync("https_off", Production(("Https:Redirect", "false"), ("Https:Hsts", "false")));
        using var client = host.CreateClient();
        var response = await client.GetAsync("/.well-known/jwks.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Development_never_redirects()
    {
        await using var host = await SecurityHost.StartAsync("https_dev", ("https_port", "443"));
        using var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/.well-known/jwks.json")).StatusCode);
    }
}
