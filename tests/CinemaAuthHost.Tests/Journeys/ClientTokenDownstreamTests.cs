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

    [Fact]
    public async Task A_resource_server_introspects_opaque_tokens_at_the_issuer_and_authorizes_active_ones_by_their_scope()
    {
        await using var storage = new SqliteStorage();
        await using var host = await CinemaHost.StartAsync(storage, ("RbacKit:Issuer", ""));
        var authority = host.BaseAddress.GetLeftPart(UriPartial.Authority);
        var caller = await host.CreateClientAsync("movies:read");
        var service = await host.CreateClientAsync("tokens:introspect");
        void Routes(WebApplication app)
        {
            app.MapGet("/catalog", (HttpContext c) => c.User.FindFirst("sub")?.Value).RequirePermission("movies:read");
            app.MapPost("/catalog", () => "created").RequirePermission("movies:write");
            app.MapGet("/whoami", (HttpContext c) => c.User.FindFirst("sub")?.Value).RequireAuthorization();
        }

        Action<WebApplicationBuilder> ResourceServer(string secret, TimeSpan cache, bool jwts) => builder => builder.Services.AddRbacKitResourceServer(o =>
        {
            o.Authority = authority;
            o.Audience = "cinema-api";
            o.Permissions.Add("movies:read").Add("movies:write");
            o.Introspection.ClientId = service.ClientId;
            o.Introspection.ClientSecret = secret;
            o.Introspection.CacheDuration = cache;
            o.Introspection.IntrospectJwts = jwts;
        });

        // Every token introspected, nothing cached: the issuer's answer decides each request.
        await using (var asking = await StartAsync(ResourceServer(service.ClientSecret, TimeSpan.Zero, jwts: true), Routes))
        {
            var token = await host.ClientTokenAsync(caller);
            using var call = Client(asking, token);
            var response = await call.GetAsync("/catalog");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"the resource server said {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(caller.ClientId, await response.Content.ReadAsStringAsync());
            await (await call.PostAsync("/catalog", null)).AssertStatusAsync(HttpStatusCode.Forbidden);

            // A narrower scope is what the issuer reports, and what is authorized.
            var narrowCaller = await host.CreateClientAsync("movies:read", "movies:write");
            using (var narrow = Client(asking, await host.ClientTokenAsync(narrowCaller, "movies:read")))
            {
                await (await narrow.GetAsync("/catalog")).AssertStatusAsync(HttpStatusCode.OK);
                await (await narrow.PostAsync("/catalog", null)).AssertStatusAsync(HttpStatusCode.Forbidden);
            }

            using (var wide = Client(asking, await host.ClientTokenAsync(narrowCaller)))
            {
                await (await wide.PostAsync("/catalog", null)).AssertStatusAsync(HttpStatusCode.OK);
            }

            // Revoked at the issuer (no change feed here): the next introspection says inactive.
            await (await host.PostFormAsync("/oauth/revoke", [new("token", token)], (caller.ClientId, caller.ClientSecret))).AssertStatusAsync(HttpStatusCode.OK);
            await (await call.GetAsync("/catalog")).AssertStatusAsync(HttpStatusCode.Unauthorized);

            // A user's refresh token is opaque and no access token: inactive, 401.
            var account = await host.RegisterAsync("introspected");
            var user = await host.LoginAsync(account);
            using (var opaque = Client(asking, user.RefreshToken))
            {
                var refused = await opaque.GetAsync("/catalog");
                await refused.AssertStatusAsync(HttpStatusCode.Unauthorized);
                Assert.Contains("invalid_token", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            }

            // A user's access token, introspected: authenticated as the user, authorized by the user's permissions.
            using (var signedIn = Client(asking, user.AccessToken))
            {
                var answer = await signedIn.GetAsync("/whoami");
                await answer.AssertStatusAsync(HttpStatusCode.OK);
                Assert.Equal(account.Id.ToString(), await answer.Content.ReadAsStringAsync());
            }
        }

        // Active answers are kept for CacheDuration (never beyond exp).
        await using (var caching = await StartAsync(ResourceServer(service.ClientSecret, TimeSpan.FromMinutes(5), jwts: true), Routes))
        {
            var token = await host.ClientTokenAsync(caller);
            using var call = Client(caching, token);
            await (await call.GetAsync("/catalog")).AssertStatusAsync(HttpStatusCode.OK);
            await (await host.PostFormAsync("/oauth/revoke", [new("token", token)], (caller.ClientId, caller.ClientSecret))).AssertStatusAsync(HttpStatusCode.OK);
            // The answer is cached: the revocation is seen once it expires.
            await (await call.GetAsync("/catalog")).AssertStatusAsync(HttpStatusCode.OK);
            using var garbage = Client(caching, "not-a-token-" + Guid.NewGuid().ToString("N"));
            await (await garbage.GetAsync("/catalog")).AssertStatusAsync(HttpStatusCode.Unauthorized);
        }

        // Default: JWTs are validated locally, only other tokens are introspected.
        await using (var local = await StartAsync(ResourceServer(service.ClientSecret, TimeSpan.Zero, jwts: false), Routes))
        {
            using (var jwt = Client(local, await host.ClientTokenAsync(caller)))
            {
                await (await jwt.GetAsync("/catalog")).AssertStatusAsync(HttpStatusCode.OK);
            }

            using var opaque = Client(local, "opaque-" + Guid.NewGuid().ToString("N"));
            await (await opaque.GetAsync("/catalog")).AssertStatusAsync(HttpStatusCode.Unauthorized);
        }

        // A wrong secret for the resource server's own client: the issuer refuses to answer, the token is refused.
        await using (var misconfigured = await StartAsync(ResourceServer("wrong-secret", TimeSpan.Zero, jwts: true), Routes))
        {
            using var call = Client(misconfigured, await host.ClientTokenAsync(caller));
            await (await call.GetAsync("/catalog")).AssertStatusAsync(HttpStatusCode.Unauthorized);
        }

        // Without tokens:introspect the client may not introspect.
        var unprivileged = await host.CreateClientAsync("movies:read");
        await using (var refusedService = await StartAsync(builder => builder.Services.AddRbacKitResourceServer(o =>
        {
            o.Authority = authority;
            o.Audience = "cinema-api";
            o.Permissions.Add("movies:read").Add("movies:write");
            o.Introspection.ClientId = unprivileged.ClientId;
            o.Introspection.ClientSecret = unprivileged.ClientSecret;
            o.Introspection.IntrospectJwts = true;
        }), Routes))
        {
            using var call = Client(refusedService, await host.ClientTokenAsync(caller));
            await (await call.GetAsync("/catalog")).AssertStatusAsync(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task An_introspected_answer_is_never_used_beyond_the_tokens_exp_even_when_the_cache_would_keep_it()
    {
        // Tokens of one minute, a cache of five: the token's exp, not the cache duration, ends the answer's use.
        await using var storage = new SqliteStorage();
        await using var host = await CinemaHost.StartAsync(storage, ("RbacKit:Issuer", ""), ("RbacKit:Tokens:AccessTokenLifetime", "00:01:00"));
        var caller = await host.CreateClientAsync("movies:read");
        var service = await host.CreateClientAsync("tokens:introspect");
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var resource = await StartAsync(builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(time);
            builder.Services.AddRbacKitResourceServer(o =>
            {
                o.Authority = host.BaseAddress.GetLeftPart(UriPartial.Authority);
                o.Audience = "cinema-api";
                o.Permissions.Add("movies:read");
                o.Introspection.ClientId = service.ClientId;
                o.Introspection.ClientSecret = service.ClientSecret;
                o.Introspection.CacheDuration = TimeSpan.FromMinutes(5);
                o.Introspection.IntrospectJwts = true;
            });
        }, app => app.MapGet("/catalog", () => "ok").RequirePermission("movies:read"));

        using var call = Client(resource, await host.ClientTokenAsync(caller));
        await (await call.GetAsync("/catalog")).AssertStatusAsync(HttpStatusCode.OK);
        time.Advance(TimeSpan.FromSeconds(30));
        await (await call.GetAsync("/catalog")).AssertStatusAsync(HttpStatusCode.OK);

        // Past exp (plus any clock-skew allowance) but well inside the five minutes of the cache.
        time.Advance(TimeSpan.FromMinutes(2));
        await (await call.GetAsync("/catalog")).AssertStatusAsync(HttpStatusCode.Unauthorized);
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
