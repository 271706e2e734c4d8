using System.Net;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.AspNetCore.Tests.Grpc;

namespace RbacKit.AspNetCore.Tests;

/// <summary>
/// Issue 13: <c>[RequirePermission]</c> works unchanged on gRPC services (class and method) and on Razor page models,
/// reading the permissions from <c>context.User</c>.
/// </summary>
public sealed class GrpcAndPagesAuthorizationTests : IAsyncLifetime
{
    private AuthHost _host = null!;

    public async Task InitializeAsync() => _host = await AuthHost.StartAsync(o =>
    {
        o.Services = services =>
        {
            services.AddGrpc();
            // The test assembly is not the entry assembly: hand MVC its compiled pages.
            services.AddRazorPages().ConfigureApplicationPartManager(parts =>
                parts.ApplicationParts.Add(new CompiledRazorAssemblyPart(typeof(GrpcAndPagesAuthorizationTests).Assembly)));
        };
        o.Endpoints = app =>
        {
            app.MapGrpcService<CatalogGrpcService>();
            app.MapRazorPages();
        };
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Grpc_methods_need_the_permissions_of_their_class_and_method()
    {
        var user = await _host.CreateUserAsync();
        var moderator = await _host.CreateUserAsync("moderator");

        var anonymous = await Assert.ThrowsAsync<RpcException>(() => Client().ListMoviesAsync(new ListMoviesRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);

        Assert.Equal(["Metropolis"], (await Client(user.AccessToken).ListMoviesAsync(new ListMoviesRequest())).Titles);
        var denied = await Assert.ThrowsAsync<RpcException>(() => Client(user.AccessToken).AddMovieAsync(new AddMovieRequest { Title = "Nosferatu" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        Assert.Equal(["Metropolis", "Nosferatu"], (await Client(moderator.AccessToken).AddMovieAsync(new AddMovieRequest { Title = "Nosferatu" })).Titles);

        var forged = await Assert.ThrowsAsync<RpcException>(() => Client(user.AccessToken + "x").ListMoviesAsync(new ListMoviesRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, forged.StatusCode);
    }

    [Fact]
    public async Task A_razor_page_model_with_RequirePermission_is_refused_without_it()
    {
        var user = await _host.CreateUserAsync();
        var moderator = await _host.CreateUserAsync("moderator");

        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.CreateClient().GetAsync("/Moderation")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _host.CreateClient(user.AccessToken).GetAsync("/Moderation")).StatusCode);

        var allowed = await _host.CreateClient(moderator.AccessToken).GetAsync("/Moderation");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains($"Moderation queue for {moderator.Id}", await allowed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Catalog.CatalogClient Client(string? accessToken = null)
    {
        var channel = GrpcChannel.ForAddress(_host.App.GetTestServer().BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = _host.App.GetTestServer().CreateHandler(),
            DisposeHttpClient = true,
        });
        var headers = new Metadata();
        if (accessToken is not null)
        {
            headers.Add("Authorization", $"Bearer {accessToken}");
        }

        return new Catalog.CatalogClient(channel.Intercept(metadata =>
        {
            foreach (var entry in headers)
            {
                metadata.Add(entry);
            }

            return metadata;
        }));
    }
}
