using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Snapshooter.Xunit;

namespace CinemaAuthHost.Tests;

/// <summary>Health, docs, discovery documents and the OpenAPI document (snapshot-tested, so every API change shows in review).</summary>
public abstract class InfrastructureTests(HostFixture fixture)
{
    private CinemaHost Host => fixture.Host;

    [Fact]
    public async Task Liveness_and_readiness_answer_200()
    {
        using var client = Host.CreateClient();
        await (await client.GetAsync("/health/live")).AssertStatusAsync(HttpStatusCode.OK);

        // Other suites stop and restart the shared Redis for fault tests; readiness reports that honestly, so poll.
        await Http.EventuallyAsync(async () => (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "/health/ready is 200");
    }

    [Fact]
    public async Task The_root_redirects_to_the_interactive_docs()
    {
        using var client = Host.CreateClient();
        var root = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/docs", root.Headers.Location?.OriginalString);

        var docs = await FollowAsync(client, "/docs");
        await docs.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/html", docs.Content.Headers.ContentType?.MediaType);
        var html = await docs.Content.ReadAsStringAsync();
        Assert.Contains("<title>Cinema Auth API</title>", html, StringComparison.Ordinal);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jwks_publishes_public_keys_only()
    {
        using var client = Host.CreateClient();
        var response = await client.GetAsync("/.well-known/jwks.json");
        var jwks = await response.JsonAsync();
        var keys = jwks.GetProperty("keys").EnumerateArray().ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Equal("RSA", key.GetProperty("kty").GetString());
            Assert.Equal("RS256", key.GetProperty("alg").GetString());
            Assert.Equal("sig", key.GetProperty("use").GetString());
            Assert.False(string.IsNullOrEmpty(key.GetProperty("kid").GetString()));
            Assert.False(string.IsNullOrEmpty(key.GetProperty("n").GetString()));
            foreach (var secret in new[] { "d", "p", "q", "dp", "dq", "qi", "k" })
            {
                Assert.False(key.TryGetProperty(secret, out _), $"The JWKS must not publish '{secret}'.");
            }
        });

        // The key that signs a fresh token is published.
        var token = await Host.LoginAsync(Accounts.User);
        var header = JsonDocument.Parse(Base64Url(token.AccessToken.Split('.')[0])).RootElement;
        Assert.Equal("at+jwt", header.GetProperty("typ").GetString());
        Assert.Contains(keys, k => k.GetProperty("kid").GetString() == header.GetProperty("kid").GetString());
    }

    [Fact]
    public async Task The_discovery_document_names_only_the_issuer_its_keys_and_the_OAuth_endpoints()
    {
        using var client = Host.CreateClient();
        var document = await (await client.GetAsync("/.well-known/openid-configuration")).JsonAsync();
        Assert.Equal("http://localhost:5080", document.GetProperty("issuer").GetString());
        Assert.Equal("http://localhost:5080/.well-known/jwks.json", document.GetProperty("jwks_uri").GetString());
        Assert.Equal("http://localhost:5080/oauth/token", document.GetProperty("token_endpoint").GetString());
        Assert.Equal(
            ["issuer", "jwks_uri", "token_endpoint", "revocation_endpoint", "introspection_endpoint", "grant_types_supported",
             "token_endpoint_auth_methods_supported", "revocation_endpoint_auth_methods_supported", "introspection_endpoint_auth_methods_supported"],
            document.EnumerateObject().Select(p => p.Name).ToArray());

        var token = await Host.LoginAsync(Accounts.User);
        var payload = JsonDocument.Parse(Base64Url(token.AccessToken.Split('.')[1])).RootElement;
        Assert.Equal(document.GetProperty("issuer").GetString(), payload.GetProperty("iss").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_matches_the_snapshot()
    {
        using var client = Host.CreateClient();
        var response = await client.GetAsync("/openapi/v1.json");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        // The only volatile part: the server URL carries the random port.
        Assert.StartsWith(Host.BaseAddress.ToString().TrimEnd('/'), document["servers"]![0]!["url"]!.GetValue<string>(), StringComparison.Ordinal);
        document["servers"] = new JsonArray(new JsonObject { ["url"] = "http://cinema.test/" });

        var json = document.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Snapshot.Match(json, Snapshots.For("CinemaAuthHost.OpenApi.v1"));
    }

    private static async Task<HttpResponseMessage> FollowAsync(HttpClient client, string path)
    {
        var uri = new Uri(client.BaseAddress!, path);
        for (var hops = 0; hops < 5; hops++)
        {
            var response = await client.GetAsync(uri);
            if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.MovedPermanently or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect))
            {
                return response;
            }

            uri = new Uri(uri, response.Headers.Location!);
        }

        throw new InvalidOperationException($"Too many redirects from {path}.");
    }

    private static byte[] Base64Url(string segment) =>
        Convert.FromBase64String(segment.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (segment.Length % 4)) % 4));
}

public sealed class SqliteInfrastructureTests(SqliteHostFixture fixture) : InfrastructureTests(fixture), IClassFixture<SqliteHostFixture>;

public sealed class PostgresInfrastructureTests(PostgresHostFixture fixture) : InfrastructureTests(fixture), IClassFixture<PostgresHostFixture>;
