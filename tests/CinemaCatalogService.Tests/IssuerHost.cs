using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RbacKit.Accounts;
using RbacKit.Administration;
using RbacKit.Domain;
using RbacKit.Seeding;
using RbacKit.Stores;
using RbacKit.Testing;

namespace CinemaCatalogService.Tests;

/// <summary>
/// A real RbacKit issuer on Kestrel at 127.0.0.1 (a free port): RbacKit.AspNetCore from the package over the in-memory
/// reference store of RbacKit.Testing, with the auth API (login) and the well-known documents (discovery + JWKS) the
/// catalog service reads. Its signing key is its own: two hosts never share one.
/// </summary>
public sealed class IssuerHost : IAsyncDisposable
{
    public const string Audience = "cinema-api";
    public const string Password = "correct-Horse-battery-staple-42";

    private readonly HttpClient _http;

    private IssuerHost(WebApplication app, string issuer, Uri baseAddress)
    {
        App = app;
        Issuer = issuer;
        BaseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress };
    }

    public WebApplication App { get; }

    /// <summary>The <c>iss</c> of its tokens (not a URL: discovery then builds its URLs from the request's address).</summary>
    public string Issuer { get; }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:40123</c>: the catalog service's Authority.</summary>
    public Uri BaseAddress { get; }

    public string Authority => BaseAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>Starts an issuer with the catalogue's permissions and roles: <c>user</c> reads, <c>moderator</c> has <c>movies:*</c>.</summary>
    public static async Task<IssuerHost> StartAsync(string issuer, string audience = Audience)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var store = new InMemoryStore();
        foreach (var type in store.GetType().GetInterfaces().Where(t => t.Namespace?.StartsWith("RbacKit", StringComparison.Ordinal) == true))
        {
            builder.Services.AddSingleton(type, store);
        }

        builder.Services.AddRbacKit(o =>
        {
            o.Issuer = issuer;
            o.Audience = audience;
            o.Passwords.WorkFactor = 4;
            o.Passwords.AllowWeakWorkFactor = true;
            o.Tokens.KeyEncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            o.Permissions.Add("movies:read", "Read the catalogue.").Add("movies:write", "Change the catalogue.");
            o.Roles.Add("user", null, "movies:read");
            o.Roles.Add("moderator", "Edits the catalogue", "movies:*");
        });
        var app = builder.Build();
        app.MapRbacKitAuthApi();
        app.MapRbacKitWellKnown();
        try
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<IRbacSeeder>().SeedAsync(CancellationToken.None);
            }

            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Urls.Single(); // the port Kestrel bound
        return new IssuerHost(app, issuer, new Uri(address));
    }

    /// <summary>Registers <paramref name="email"/> (the default role <c>user</c>), grants <paramref name="role"/> too, and signs in over HTTP: the access token.</summary>
    public async Task<string> SignInAsync(string email, string? role = null)
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var registered = await services.GetRequiredService<IAccountService>().RegisterAsync(new RegisterRequest(email, Password, Password, "Test", "User"), CancellationToken.None);
            Assert.True(registered.Succeeded, $"register {email}: {(registered.Succeeded ? "" : registered.Error.Message)}");
            if (role is not null)
            {
                var found = await services.GetRequiredService<IRoleService>().FindByNameAsync(role, CancellationToken.None);
                Assert.True(found.Succeeded, $"role {role}");
                var granted = await services.GetRequiredService<IRoleStore>().AddUserRoleAsync(
                    new UserRole { UserId = registered.Value.Id, RoleId = found.Value.Id, GrantedAt = App.Services.GetRequiredService<TimeProvider>().GetUtcNow() }, null, CancellationToken.None);
                Assert.Equal(StoreResult.Success, granted);
            }
        }

        using var response = await _http.PostAsJsonAsync("/auth/login", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
