using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RbacKit.Accounts;
using RbacKit.Caching;
using RbacKit.Seeding;
using RbacKit.Stores;

namespace RbacKit.AspNetCore.Tests;

/// <summary>An auth server on TestServer: RbacKit over EF Core (SQLite or PostgreSQL), every endpoint group, test endpoints and controllers.</summary>
public sealed class AuthHost : IAsyncDisposable
{
    public const string Issuer = "http://localhost";
    public const string Audience = "cinema-api";
    public const string Password = "correct-Horse-battery-staple-42";

    private readonly bool _ownsDatabase;

    private AuthHost(WebApplication app, TestDatabase database, bool ownsDatabase)
    {
        App = app;
        Database = database;
        _ownsDatabase = ownsDatabase;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public TestDatabase Database { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<AuthHost> StartAsync(Action<AuthHostOptions>? configure = null)
    {
        var options = new AuthHostOptions();
        configure?.Invoke(options);
        var ownsDatabase = options.Database is null;
        var database = options.Database ?? TestDatabase.Sqlite();
        var app = Build(options, database);
        try
        {
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreatedAsync();
                await scope.ServiceProvider.GetRequiredService<IRbacSeeder>().SeedAsync(default);
            }

            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            if (ownsDatabase)
            {
                await database.DisposeAsync();
            }

            throw;
        }

        return new AuthHost(app, database, ownsDatabase);
    }

    public static WebApplication Build(AuthHostOptions options, TestDatabase database)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = options.EnvironmentName });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
        if (options.Time is not null)
        {
            builder.Services.AddSingleton(options.Time);
        }

        builder.Services.AddDbContext<TestDbContext>(database.Configure);
        var kek = options.KeyEncryptionKey ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var rbac = builder.Services.AddRbacKit(o =>
        {
            o.Issuer = Issuer;
            o.Audience = Audience;
            o.Passwords.WorkFactor = 4;
            o.Passwords.AllowWeakWorkFactor = true;
            o.Tokens.KeyEncryptionKey = kek;
            o.Permissions.Add("movies:read", "Read movies").Add("movies:write", "Change movies")
                .Add("series:read", "Read series").Add("series:write", "Change series");
            o.Roles.Add("user", null, "movies:read");
            o.Roles.Add("moderator", "Moderates content", "movies:*");
            o.Roles.Add("series-reader", "Reads series", "series:read");
            options.Rbac?.Invoke(o);
        });
        if (options.InMemoryStore is { } store)
        {
            foreach (var type in new[] { typeof(IUserStore), typeof(IRoleStore), typeof(ISessionStore), typeof(ILoginEventStore), typeof(IAuditEventStore), typeof(ISigningKeyStore), typeof(IRecoveryCodeStore), typeof(IPermissionDefinitionStore), typeof(RbacKit.Accounts.Recovery.IMailTokenStore), typeof(RbacKit.Mail.IMailOutboxStore), typeof(IOAuthClientStore) })
            {
                builder.Services.AddSingleton(type, store);
            }
        }

        rbac.AddEntityFrameworkStores<TestDbContext>();
        rbac.ConfigureRateLimits(o =>
        {
            o.Enabled = options.RateLimits is not null;
            options.RateLimits?.Invoke(o);
        });
        if (options.Redis is not null)
        {
            rbac.AddRedis(options.Redis, redis => redis.Channel = options.RedisChannel);
        }

        builder.Services.AddOpenApi(o => o.AddRbacKit());
        if (options.Controllers)
        {
            builder.Services.AddControllers().AddApplicationPart(typeof(AuthHost).Assembly);
        }

        options.Services?.Invoke(builder.Services);
        var app = builder.Build();
        app.Use((context, next) =>
        {
            // Tests choose the client address.
            if (context.Request.Headers.TryGetValue("X-Test-Client-Ip", out var ip) && IPAddress.TryParse(ip, out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return next(context);
        });
        app.MapRbacKitAuthApi();
        app.MapRbacKitAccountApi();
        app.MapRbacKitAdminApi();
        app.MapRbacKitWellKnown();
        app.MapOpenApi();
        TestEndpoints.Map(app);
        if (options.Controllers)
        {
            app.MapControllers();
        }

        options.Endpoints?.Invoke(app);
        return app;
    }

    public HttpClient CreateClient(string? accessToken = null)
    {
        var client = App.GetTestClient();
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    public async Task<UserProfile> RegisterAsync(string email, string password = Password)
    {
        var response = await Client.PostAsJsonAsync("/auth/register", new { email, password, passwordConfirm = password, firstName = "Ada", lastName = "Lovelace" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<UserProfile>())!;
    }

    public async Task<TokenPair> LoginAsync(string email, string password = Password)
    {
        var response = await Client.PostAsJsonAsync("/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<TokenPair>())!;
    }

    /// <summary>Registers a user, grants <paramref name="roles"/> directly in the store, and signs in.</summary>
    public async Task<TestUser> CreateUserAsync(params string[] roles)
    {
        var email = NewEmail();
        var profile = await RegisterAsync(email);
        foreach (var role in roles)
        {
            await GrantAsync(profile.Id, role);
        }

        return new TestUser(profile.Id, email, await LoginAsync(email));
    }

    public async Task GrantAsync(Guid userId, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<IRoleStore>();
        var found = await roles.FindByNameAsync(Normalizer.NormalizeKey(role), default) ?? throw new InvalidOperationException($"No role {role}.");
        var result = await roles.AddUserRoleAsync(new Domain.UserRole { UserId = userId, RoleId = found.Id, GrantedAt = DateTimeOffset.UtcNow }, null, default);
        Assert.Equal(StoreResult.Success, result);
        await scope.ServiceProvider.GetRequiredService<IAuthorizationChangeFeed>().PublishAsync(new AuthorizationChange(AuthorizationChangeKind.User, userId), default);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}

public sealed record TestUser(Guid Id, string Email, TokenPair Tokens)
{
    public string AccessToken => Tokens.AccessToken;
}
