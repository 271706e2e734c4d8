using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Permissions;

namespace RbacKit.AspNetCore.Tests;

/// <summary>
/// Authorization reads the permissions from <c>context.User</c>: resource-based checks through
/// <see cref="IAuthorizationService"/>, named policies, the imperative <c>User.HasPermission</c>, SignalR hub methods,
/// and the bearer scheme's events (a hub's token from the query string).
/// </summary>
public sealed class PrincipalAuthorizationTests : IAsyncLifetime
{
    private AuthHost _host = null!;

    public async Task InitializeAsync() => _host = await AuthHost.StartAsync(o =>
    {
        o.Services = services =>
        {
            services.AddAuthorization(a => a.AddPolicy("edit-movies", p => p.RequirePermission("movies:write")));
            services.AddSignalR();
            services.Configure<RbacKitBearerOptions>(RbacKitAuthenticationDefaults.AuthenticationScheme, bearer =>
                bearer.Events.OnMessageReceived = context =>
                {
                    // The browser's WebSocket API cannot send headers: SignalR clients put the token in the query string.
                    if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"] is { Count: 1 } token)
                    {
                        context.Token = token.ToString();
                    }

                    return Task.CompletedTask;
                });
        };
        o.Endpoints = app =>
        {
            app.MapPost("/resource/movies/{owner}", async (string owner, ClaimsPrincipal user, IAuthorizationService authorization) =>
            {
                var result = await authorization.AuthorizeAsync(user, new OwnedMovie(owner), "edit-movies");
                return new { allowed = result.Succeeded };
            }).RequireAuthorization();
            app.MapPost("/resource/owned/{owner}", async (string owner, ClaimsPrincipal user, IAuthorizationService authorization) =>
            {
                var result = await authorization.AuthorizeAsync(user, new OwnedMovie(owner), new OwnerOrPermission());
                return new { allowed = result.Succeeded };
            }).RequireAuthorization();
            app.MapGet("/imperative", (ClaimsPrincipal user) => new
            {
                write = user.HasPermission("movies:write"),
                read = user.HasPermission("movies:read"),
                unknown = user.HasPermission("no:such"),
                count = user.GetPermissions().Ids.Count(),
            }).RequireAuthorization();
            app.MapGet("/policy", () => "edited").RequireAuthorization("edit-movies");
            app.MapHub<MoviesHub>("/hubs/movies");
        };
        o.Services += services => services.AddSingleton<IAuthorizationHandler, OwnerOrPermissionHandler>();
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_resource_based_check_through_IAuthorizationService_uses_the_callers_permissions()
    {
        var user = await _host.CreateUserAsync();
        var moderator = await _host.CreateUserAsync("moderator");

        Assert.False((await (await _host.CreateClient(user.AccessToken).PostAsync("/resource/movies/someone", null)).JsonAsync()).GetProperty("allowed").GetBoolean());
        Assert.True((await (await _host.CreateClient(moderator.AccessToken).PostAsync("/resource/movies/someone", null)).JsonAsync()).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task A_custom_requirement_sees_the_resource_and_the_principal()
    {
        var user = await _host.CreateUserAsync();
        var moderator = await _host.CreateUserAsync("moderator");

        Assert.True((await (await _host.CreateClient(user.AccessToken).PostAsync($"/resource/owned/{user.Id}", null)).JsonAsync()).GetProperty("allowed").GetBoolean());
        Assert.False((await (await _host.CreateClient(user.AccessToken).PostAsync($"/resource/owned/{moderator.Id}", null)).JsonAsync()).GetProperty("allowed").GetBoolean());
        Assert.True((await (await _host.CreateClient(moderator.AccessToken).PostAsync($"/resource/owned/{user.Id}", null)).JsonAsync()).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task A_named_policy_with_RequirePermission_guards_an_endpoint()
    {
        var user = await _host.CreateUserAsync();
        var moderator = await _host.CreateUserAsync("moderator");

        await (await _host.CreateClient(user.AccessToken).GetAsync("/policy")).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(HttpStatusCode.OK, (await _host.CreateClient(moderator.AccessToken).GetAsync("/policy")).StatusCode);
        await (await _host.Client.GetAsync("/policy")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task HasPermission_on_the_principal_answers_from_the_tokens_live_permissions()
    {
        var user = await _host.CreateUserAsync();
        var before = await (await _host.CreateClient(user.AccessToken).GetAsync("/imperative")).JsonAsync();
        Assert.False(before.GetProperty("write").GetBoolean());
        Assert.True(before.GetProperty("read").GetBoolean());
        Assert.False(before.GetProperty("unknown").GetBoolean());
        Assert.Equal(1, before.GetProperty("count").GetInt32());

        await _host.GrantAsync(user.Id, "moderator");
        var after = await (await _host.CreateClient(user.AccessToken).GetAsync("/imperative")).JsonAsync();
        Assert.True(after.GetProperty("write").GetBoolean());
    }

    [Fact]
    public void A_principal_without_an_RbacKit_identity_holds_nothing()
    {
        var other = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "x"), new Claim("perms", "movies:write")], "Other"));
        Assert.False(other.HasPermission("movies:write"));
        Assert.True(other.GetPermissions().IsEmpty);
        Assert.Null(new ClaimsPrincipal().GetRbacKitIdentity());

        var catalog = new PermissionCatalog([new Domain.PermissionDefinition { Name = "movies:write" }]);
        var unauthenticated = new RbacKitIdentity([], null!, catalog.All, catalog);
        Assert.False(new ClaimsPrincipal(unauthenticated).HasPermission("movies:write"));

        var combined = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "x")], "Cookies"));
        var rbac = new RbacKitIdentity([new Claim("sub", "y")], "RbacKit", catalog.All, catalog);
        combined.AddIdentity(rbac);
        Assert.True(combined.HasPermission("movies:write"));
        Assert.Same(rbac, combined.GetRbacKitIdentity());
        var clone = Assert.IsType<RbacKitIdentity>(rbac.Clone());
        Assert.True(clone.HasPermission("movies:write"));
    }

    [Fact]
    public async Task A_hub_method_with_RequirePermission_is_authorized_from_a_query_string_token()
    {
        var user = await _host.CreateUserAsync();
        var moderator = await _host.CreateUserAsync("moderator");

        await using (var connection = await ConnectAsync(moderator.AccessToken))
        {
            Assert.Equal("read by " + moderator.Id, await connection.InvokeAsync<string>(nameof(MoviesHub.Read)));
            Assert.Equal("renamed", await connection.InvokeAsync<string>(nameof(MoviesHub.Rename), "renamed"));
        }

        await using (var connection = await ConnectAsync(user.AccessToken))
        {
            Assert.Equal("read by " + user.Id, await connection.InvokeAsync<string>(nameof(MoviesHub.Read)));
            var refused = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync<string>(nameof(MoviesHub.Rename), "renamed"));
            Assert.Contains("unauthorized", refused.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_hub_refuses_a_connection_without_a_valid_token()
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var connection = await ConnectAsync("not-a-token");
        });
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_events_see_the_validated_token_and_can_answer_challenges_and_forbids()
    {
        var seen = new List<Guid>();
        await using var host = await AuthHost.StartAsync(o =>
        {
            o.Services = services => services.Configure<RbacKitBearerOptions>(RbacKitAuthenticationDefaults.AuthenticationScheme, bearer =>
            {
                bearer.Events.OnTokenValidated = context =>
                {
                    lock (seen)
                    {
                        seen.Add(context.Token.UserId);
                    }

                    if (context.Request.Headers.ContainsKey("X-Refuse"))
                    {
                        context.Fail("refused by the application");
                    }

                    return Task.CompletedTask;
                };
                bearer.Events.OnChallenge = async context =>
                {
                    if (context.Request.Headers.ContainsKey("X-Own-Challenge"))
                    {
                        context.HandleResponse();
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        await context.Response.WriteAsync("own challenge: " + (context.Failure ?? "none"));
                    }
                };
                bearer.Events.OnForbidden = async context =>
                {
                    if (context.Request.Headers.ContainsKey("X-Own-Forbid"))
                    {
                        context.NoResult();
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        await context.Response.WriteAsync("own forbid");
                    }
                };
            });
        });
        var user = await host.CreateUserAsync();
        var client = host.CreateClient(user.AccessToken);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/minimal/read")).StatusCode);
        lock (seen)
        {
            Assert.Contains(user.Id, seen);
        }

        var refused = new HttpRequestMessage(HttpMethod.Get, "/minimal/read") { Headers = { { "X-Refuse", "1" } } };
        await (await client.SendAsync(refused)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");

        var ownChallenge = new HttpRequestMessage(HttpMethod.Get, "/minimal/read") { Headers = { { "X-Own-Challenge", "1" } } };
        var challenged = await host.Client.SendAsync(ownChallenge);
        Assert.Equal(HttpStatusCode.Unauthorized, challenged.StatusCode);
        Assert.Equal("own challenge: none", await challenged.Content.ReadAsStringAsync());

        var ownForbid = new HttpRequestMessage(HttpMethod.Post, "/minimal/write") { Headers = { { "X-Own-Forbid", "1" } } };
        var forbidden = await client.SendAsync(ownForbid);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("own forbid", await forbidden.Content.ReadAsStringAsync());
        await (await client.PostAsync("/minimal/write", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    private async Task<HubConnection> ConnectAsync(string accessToken)
    {
        var server = _host.App.GetTestServer();
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/movies"), options =>
            {
                options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.HttpMessageHandlerFactory = _ => server.CreateHandler();
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    // As a browser does: the token in the query string, no Authorization header.
                    var uri = new UriBuilder(context.Uri) { Query = "access_token=" + Uri.EscapeDataString(accessToken) }.Uri;
                    return await server.CreateWebSocketClient().ConnectAsync(uri, cancellationToken);
                };
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    public sealed record OwnedMovie(string Owner);

    /// <summary>The owner may edit; anyone else needs movies:write. A typical resource-based requirement.</summary>
    public sealed class OwnerOrPermission : IAuthorizationRequirement;

    private sealed class OwnerOrPermissionHandler : AuthorizationHandler<OwnerOrPermission, OwnedMovie>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OwnerOrPermission requirement, OwnedMovie resource)
        {
            if (context.User.FindFirstValue("sub") == resource.Owner || context.User.HasPermission("movies:write"))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }
}

/// <summary>A hub as a consumer writes it: connecting needs a valid token, renaming needs movies:write.</summary>
[Authorize]
public sealed class MoviesHub : Hub
{
    public string Read() => "read by " + Context.User!.FindFirstValue("sub");

    [RequirePermission("movies:write")]
    public string Rename(string name) => Context.User is null ? string.Empty : name;
}
