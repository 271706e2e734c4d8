using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RbacKit;
using RbacKit.AspNetCore;
using RbacKit.Permissions;

namespace CinemaCatalogService.Tests;

/// <summary>The catalog service against real tokens of a real issuer: authentication, permissions, problem bodies.</summary>
public sealed class CatalogServiceTests(CatalogServiceFixture fixture) : IClassFixture<CatalogServiceFixture>
{
    private static readonly object Metropolis = new { title = "Metropolis", year = 1927 };

    [Fact]
    public async Task Anonymous_read_is_401_with_a_problem_body_and_code()
    {
        using var client = fixture.CreateClient(null);
        using var response = await client.GetAsync("/catalog");

        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("unauthenticated", problem.GetProperty("code").GetString());
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public Task Anonymous_write_is_401_and_adds_nothing() =>
        AssertWriteRefusedAsync(null, "Anonymous", HttpStatusCode.Unauthorized, "unauthenticated");

    [Fact]
    public async Task A_readers_token_reads_the_catalogue()
    {
        using var client = fixture.CreateClient(fixture.ReaderToken);
        using var response = await client.GetAsync("/catalog");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, body.RootElement.ValueKind);
    }

    [Fact]
    public Task A_readers_write_is_403_with_a_problem_body_and_adds_nothing() =>
        AssertWriteRefusedAsync(fixture.ReaderToken, "Forbidden Planet", HttpStatusCode.Forbidden, "forbidden");

    /// <summary>A write of <paramref name="title"/> with <paramref name="token"/> is refused with that problem and stores nothing.</summary>
    private async Task AssertWriteRefusedAsync(string? token, string title, HttpStatusCode status, string code)
    {
        using var client = fixture.CreateClient(token);
        using var response = await client.PostAsJsonAsync("/catalog", new { title, year = 1956 });

        var problem = await ProblemAsync(response, status);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.DoesNotContain(fixture.Service.Services.GetRequiredService<Catalog>().All(), e => e.Title == title);
    }

    [Fact]
    public async Task A_writers_token_adds_an_entry_that_a_reader_then_sees()
    {
        using var writer = fixture.CreateClient(fixture.WriterToken);
        using var created = await writer.PostAsJsonAsync("/catalog", Metropolis);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var entry = await created.Content.ReadFromJsonAsync<CatalogEntry>();
        Assert.NotNull(entry);
        Assert.Equal(("Metropolis", 1927), (entry.Title, entry.Year));
        Assert.Equal($"/catalog/{entry.Id}", created.Headers.Location?.OriginalString);

        using var reader = fixture.CreateClient(fixture.ReaderToken);
        var all = await reader.GetFromJsonAsync<CatalogEntry[]>("/catalog");
        Assert.Contains(entry, all!);
    }

    [Fact]
    public async Task A_writers_invalid_entry_is_a_400_validation_problem()
    {
        using var writer = fixture.CreateClient(fixture.WriterToken);
        using var response = await writer.PostAsJsonAsync("/catalog", new { title = "", year = 1700 });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _));
    }

    [Fact]
    public async Task A_tampered_token_is_401_even_where_the_original_is_accepted()
    {
        // The reader's token with the payload changed to grant movies:write; header and signature kept.
        var parts = fixture.ReaderToken.Split('.');
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        payload["perms"] = new JsonArray("movies:read", "movies:write");
        var tampered = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";

        using var client = fixture.CreateClient(tampered);
        using var write = await client.PostAsJsonAsync("/catalog", new { title = "Tampered", year = 1999 });
        var problem = await ProblemAsync(write, HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_token", problem.GetProperty("code").GetString());
        Assert.Equal("token_signature_invalid", problem.GetProperty("reason").GetString());
        using var read = await client.GetAsync("/catalog");
        Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);

        // A flipped signature byte, too.
        var signature = Base64Url.DecodeFromChars(parts[2]);
        signature[0] ^= 0x01;
        using var flipped = fixture.CreateClient($"{parts[0]}.{parts[1]}.{Base64Url.EncodeToString(signature)}");
        using var flippedRead = await flipped.GetAsync("/catalog");
        Assert.Equal("token_signature_invalid", (await ProblemAsync(flippedRead, HttpStatusCode.Unauthorized)).GetProperty("reason").GetString());
        Assert.DoesNotContain(fixture.Service.Services.GetRequiredService<Catalog>().All(), e => e.Title == "Tampered");
    }

    [Fact]
    public async Task A_garbage_token_is_401_malformed()
    {
        using var client = fixture.CreateClient("not.a.token");
        using var response = await client.GetAsync("/catalog");

        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_token", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(CatalogServiceFixture.IssuerName)] // a stranger claiming to be the trusted issuer, with a key of its own
    [InlineData("urn:rbackit:another-issuer")] // another issuer altogether
    public async Task A_token_of_another_issuers_key_is_401(string issuer)
    {
        await using var other = await IssuerHost.StartAsync(issuer);
        var token = await other.SignInAsync($"stranger-{Guid.NewGuid():N}@cinema.test", "moderator");

        using var client = fixture.CreateClient(token);
        using var read = await client.GetAsync("/catalog");
        var problem = await ProblemAsync(read, HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_token", problem.GetProperty("code").GetString());
        Assert.Equal("token_key_unknown", problem.GetProperty("reason").GetString());
        using var write = await client.PostAsJsonAsync("/catalog", new { title = "Stranger", year = 2000 });
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
        Assert.DoesNotContain(fixture.Service.Services.GetRequiredService<Catalog>().All(), e => e.Title == "Stranger");
    }

    [Fact]
    public void Every_routes_permissions_are_in_the_services_catalogue_and_the_issuers()
    {
        var service = fixture.Service.Services;
        var catalogue = service.GetRequiredService<PermissionCatalog>();
        var routes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in service.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var permissions = endpoint.Metadata.GetOrderedMetadata<IAuthorizationRequirementData>()
                .SelectMany(d => d.GetRequirements()).OfType<PermissionRequirement>().SelectMany(r => r.Permissions).ToArray();
            if (permissions.Length > 0)
            {
                var methods = string.Join(',', endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]);
                routes[$"{methods} /{endpoint.RoutePattern.RawText?.TrimStart('/')}"] = string.Join(' ', permissions);
            }
        }

        Assert.Equal(new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["GET /catalog"] = "movies:read",
            ["POST /catalog"] = "movies:write",
        }, routes);
        var used = routes.Values.SelectMany(p => p.Split(' ')).ToHashSet(StringComparer.Ordinal);
        // The service declares exactly what its routes require, besides RbacKit's own administration permissions ...
        var builtIn = typeof(RbacPermissions).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(used.Order(StringComparer.Ordinal), catalogue.Definitions.Select(d => d.Name).Where(n => !builtIn.Contains(n)).Order(StringComparer.Ordinal));
        // ... and the issuer knows every one of them, so its roles can grant them.
        var issuerCatalogue = fixture.Issuer.App.Services.GetRequiredService<PermissionCatalog>();
        Assert.All(used, name => Assert.True(issuerCatalogue.TryGetId(name, out _), $"the issuer does not declare {name}"));
    }

    [Fact]
    public async Task The_writers_wildcard_is_expanded_against_the_services_catalogue()
    {
        var parts = fixture.WriterToken.Split('.');
        var perms = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!["perms"]!.AsArray().Select(p => p!.GetValue<string>());
        Assert.Contains("movies:*", perms);

        using var writer = fixture.CreateClient(fixture.WriterToken);
        using var read = await writer.GetAsync("/catalog");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Ready_once_the_issuers_keys_are_read_and_live_without_a_token()
    {
        using var client = fixture.CreateClient(null);
        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        // An accepted token proves the keys are loaded (read at start, or on the unknown kid), so ready must say so.
        using var reader = fixture.CreateClient(fixture.ReaderToken);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/catalog")).StatusCode);
        using var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
