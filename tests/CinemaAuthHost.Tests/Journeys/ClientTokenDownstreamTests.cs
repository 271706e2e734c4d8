using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CinemaAuthHost.Tests;

/// <summary>
/// Client tokens downstream: a stock Microsoft JwtBearer service (Authority = the issuer, discovery + JWKS) and an RbacKit
/// resource server (permissions from the token's perms) both accept a service account's token; the resource server
/// authorizes it by its permissions with <c>RequirePermission</c>, as it does users.
/// </summary>
public sealed class ClientTokenDownstreamTests
{
    [Fact]
    public async Task A_stock_JwtBearer_service_and_an_RbacKit_resource_server_accept_client_tokens()
    {
        await using var storage = new SqliteStorage();
        // Without an issuer the Development host uses its own listening address: discovery works over loopback.
        await using var host = await CinemaHost.StartAsync(storage, ("RbacKit:Issuer", ""));
        var authority = host.BaseAddress.GetLeftPart(UriPartial.Authority);
        var client = await host.CreateClientAsync("movies:read");
        var token = await host.ClientTokenAsync(client);

        await using var stock = await StartAsync(builder => builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.Authority = authority;
            o.Audience = "cinema-api";
            o.RequireHttpsMetadata = false;
        }), app => app.MapGet("/whoami", (HttpContext c) => c.User.FindFirst("client_id")?.Value).RequireAuthorization());
        using (var call = Client(stock, token))
        {
            var response = await call.GetAsync("/whoami");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"JwtBearer said {(int)response.StatusCode}: {response.Headers.WwwAuthenticate}");
            Assert.Equal(client.ClientId, await response.Content.ReadAsStringAsync());
        }

        await using var resource = await StartAsync(builder => builder.Services.AddRbacKitResourceServer(o =>
        {
            o.Authority = authority;
            o.Audience = "cinema-api";
            o.Permissions.Add("movies:read").Add("movies:write");
        }), app =>
        {
            app.MapGet("/catalog", (HttpContext c) => c.User.FindFirst("sub")?.Value).RequirePermission("movies:read");
            app.MapPost("/catalog", () => "created").RequirePermission("movies:write");
        });
        using (var call = Client(resource, token))
        {
            var response = await call.GetAsync("/catalog");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"the resource server said {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(client.ClientId, await response.Content.ReadAsStringAsync());
            await (await call.PostAsync("/catalog", null)).AssertStatusAsync(HttpStatusCode.Forbidden);
        }

        using (var anonymous = Client(resource, null))
        {
            await (await anonymous.GetAsync("/catalog")).AssertStatusAsync(HttpStatusCode.Unauthorized);
        }
    }

    private static HttpClient Client(WebApplication app, string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    private static async Task<WebApplication> StartAsync(Action<WebApplicationBuilder> services, Action<WebApplication> routes)
    {
        var builder = WebApplication.CreateBuilder(["--urls=http://127.0.0.1:0", "--environment=Development"]);
        builder.Logging.ClearProviders();
        services(builder);
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        routes(app);
        await app.StartAsync();
        return app;
    }
}
