using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RbacKit.AspNetCore.Tests;

/// <summary>A downstream service with no database that accepts an <see cref="AuthHost"/>'s tokens.</summary>
public sealed class ResourceHost : IAsyncDisposable
{
    private ResourceHost(WebApplication app) => App = app;

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<ResourceHost> StartAsync(AuthHost issuer, Action<RbacKitResourceServerOptions>? configure = null, string? redis = null, string channel = "rbackit:changes", Func<HttpMessageHandler, HttpMessageHandler>? wrapIssuer = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var resource = builder.Services.AddRbacKitResourceServer(o =>
        {
            o.Authority = AuthHost.Issuer;
            o.Audience = AuthHost.Audience;
            o.Permissions.Add("movies:read").Add("movies:write").Add("series:read");
            o.UnknownKeyRefreshInterval = TimeSpan.Zero;
            configure?.Invoke(o);
        });
        if (redis is not null)
        {
            resource.AddRedis(redis, o => o.Channel = channel);
        }

        builder.Services.AddHttpClient(RbacKitResourceServerOptions.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => wrapIssuer is null ? issuer.App.GetTestServer().CreateHandler() : wrapIssuer(issuer.App.GetTestServer().CreateHandler()));
        builder.Services.AddHealthChecks().AddRbacKitIssuerKeys(tags: ["ready"]);
        var app = builder.Build();
        app.MapGet("/catalog", () => "catalog").RequirePermission("movies:read");
        app.MapPost("/catalog", () => "created").RequirePermission("movies:write");
        app.MapGet("/series", () => "series").RequireAnyPermission("series:read");
        app.MapGet("/whoami", (HttpContext context) => new { context.GetRbacKitUser()!.UserId, context.GetRbacKitUser()!.Roles }).RequireAuthorization();
        app.MapHealthChecks("/health/ready");
        await app.StartAsync();
        return new ResourceHost(app);
    }

    public HttpClient CreateClient(string? accessToken)
    {
        var client = App.GetTestClient();
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
