using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Keys;

namespace RbacKit.AspNetCore.Tests;

public sealed class WellKnownTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly AuthHost _host = fixture.Host;

    [Fact]
    public async Task Jwks_publishes_the_public_signing_keys_only()
    {
        var response = await _host.Client.GetAsync("/.well-known/jwks.json");
        var jwks = await response.JsonAsync();

        var key = jwks.GetProperty("keys")[0];
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.False(string.IsNullOrEmpty(key.GetProperty("kid").GetString()));
        Assert.True(key.TryGetProperty("n", out _));
        Assert.False(key.TryGetProperty("d", out _));
        Assert.False(key.TryGetProperty("p", out _));
        Assert.NotNull(response.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task Discovery_states_only_the_issuer_and_its_keys()
    {
        var json = await (await _host.Client.GetAsync("/.well-known/openid-configuration")).JsonAsync();

        Assert.Equal(AuthHost.Issuer, json.GetProperty("issuer").GetString());
        Assert.Equal("http://localhost/.well-known/jwks.json", json.GetProperty("jwks_uri").GetString());
        // No ID tokens, no implicit or authorization-code flow, no form token endpoint: nothing of that is claimed.
        Assert.Equal(["issuer", "jwks_uri"], json.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task A_rotated_key_is_published_next_to_the_previous_one()
    {
        await using var host = await AuthHost.StartAsync();
        var before = await host.LoginAsync((await host.RegisterAsync(AuthHost.NewEmail())).Email);
        var kid = await host.Services.GetRequiredService<IKeyRing>().RotateAsync(default);

        var keys = (await (await host.Client.GetAsync("/.well-known/jwks.json")).JsonAsync()).GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();

        Assert.Equal(2, keys.Count);
        Assert.Equal(kid, keys[0]);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient(before.AccessToken).GetAsync("/me")).StatusCode);
    }
}
