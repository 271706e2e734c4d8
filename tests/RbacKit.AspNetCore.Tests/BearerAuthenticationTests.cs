using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RbacKit.AspNetCore.Tests;

public sealed class BearerAuthenticationTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly AuthHost _host = fixture.Host;

    [Fact]
    public async Task No_token_is_unauthenticated_without_an_error_parameter()
    {
        var response = await _host.Client.GetAsync("/me");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().ToString());
    }

    [Theory]
    [InlineData("Bearer", "token_malformed")]
    [InlineData("Bearer not-a-jwt", "token_malformed")]
    [InlineData("Bearer a.b.c", "token_malformed")]
    [InlineData("Bearer a b", "token_malformed")]
    public async Task A_bad_token_is_invalid_token_with_a_reason(string header, string reason)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        var response = await _host.Client.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.Single().ToString());
    }

    [Fact]
    public async Task Another_scheme_is_treated_as_no_token()
    {
        var client = _host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        await (await client.GetAsync("/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task A_token_signed_by_an_unknown_key_is_refused()
    {
        var user = await _host.CreateUserAsync();
        var forged = Forge(user.Id, kid: "unknown-key");

        var response = await _host.CreateClient(forged).GetAsync("/me");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal("token_key_unknown", problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_token_with_a_tampered_payload_is_refused()
    {
        var user = await _host.CreateUserAsync();
        var parts = user.AccessToken.Split('.');
        var other = (await _host.CreateUserAsync("superadmin")).AccessToken.Split('.');
        var spliced = $"{parts[0]}.{other[1]}.{parts[2]}";

        var problem = await (await _host.CreateClient(spliced).GetAsync("/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal("token_signature_invalid", problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await AuthHost.StartAsync(o => o.Time = time);
        var user = await host.CreateUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient(user.AccessToken).GetAsync("/me")).StatusCode);

        time.Advance(TimeSpan.FromMinutes(11));

        var problem = await (await host.CreateClient(user.AccessToken).GetAsync("/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal("token_expired", problem.GetProperty("reason").GetString());
    }

    private static string Forge(Guid userId, string kid)
    {
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = kid };
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthHost.Issuer,
            Audience = AuthHost.Audience,
            TokenType = "at+jwt",
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object> { ["sub"] = userId.ToString(), ["sid"] = Guid.NewGuid().ToString(), ["jti"] = "x", ["ver"] = 1, ["perms"] = new[] { "*" } },
        });
    }

    internal static string ForgeToken(Guid userId, string kid) => Forge(userId, kid);
}
