using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RbacKit.Accounts;
using RbacKit.Benchmarks.Postgres;
using RbacKit.Passwords;
using RbacKit.Seeding;
using RbacKit.Sessions;

namespace RbacKit.Benchmarks;

/// <summary>RbacKit's auth API on an in-memory test server over the store.</summary>
internal sealed class LoginBenchHost : IDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private LoginBenchHost(WebApplication app, CountingHasher hasher, CommandCounter counter, CommandTrace trace)
    {
        Trace = trace;
        _app = app;
        _client = app.GetTestClient();
        Hasher = hasher;
        Counter = counter;
    }

    public CountingHasher Hasher { get; }

    public CommandCounter Counter { get; }

    public CommandTrace Trace { get; }

    public static LoginBenchHost Start(LoginBenchStore store, int workFactor, bool skipHash)
    {
        var counter = new CommandCounter();
        var trace = new CommandTrace();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddDbContextPool<BenchDbContext>(o =>
        {
            store.Use(o);
            o.AddInterceptors(counter, trace);
        });
        builder.Services.AddRbacKit(o =>
            {
                ForgotPasswordDatabase.Configure(o);
                o.Passwords.WorkFactor = workFactor;
                o.Passwords.AllowWeakWorkFactor = workFactor < 11;
            })
            .AddEntityFrameworkStores<BenchDbContext>()
            .ConfigureRateLimits(o => o.Enabled = false);
        builder.Services.AddSingleton(sp => new CountingHasher(new BCryptPasswordHasher(sp.GetRequiredService<IOptions<RbacKitOptions>>()), skipHash));
        builder.Services.AddSingleton<IPasswordHasher>(sp => sp.GetRequiredService<CountingHasher>());
        var app = builder.Build();
        app.MapRbacKitAuthApi();
        if (!store.Created)
        {
            Run(app.Services, async scope =>
            {
                var database = scope.GetRequiredService<BenchDbContext>().Database;
                await database.EnsureDeletedAsync();
                await database.EnsureCreatedAsync();
            });
            store.Created = true;
        }

        Run(app.Services, scope => scope.GetRequiredService<IRbacSeeder>().SeedAsync(default));
        app.StartAsync().GetAwaiter().GetResult();
        return new LoginBenchHost(app, app.Services.GetRequiredService<CountingHasher>(), counter, trace);
    }

    public void Register(string email) => Run(_app.Services, async scope =>
    {
        var registered = await scope.GetRequiredService<IAccountService>().RegisterAsync(new RegisterRequest(email, PairedLogin.Password, PairedLogin.Password, "Ada", "Lovelace"), default);
        if (!registered.Succeeded)
        {
            throw new InvalidOperationException(registered.Error?.Message);
        }
    });

    public string StoredHash(string email)
    {
        string? hash = null;
        Run(_app.Services, async scope =>
            hash = (await scope.GetRequiredService<Stores.IUserStore>().FindByEmailAsync(Normalizer.NormalizeKey(email), default))?.PasswordHash);
        return hash ?? throw new InvalidOperationException($"{email} is not registered.");
    }

    public void CoreLogin(string email) => Run(_app.Services, async scope =>
    {
        var result = await scope.GetRequiredService<IAuthService>().LoginAsync(new LoginRequest(email, PairedLogin.Password), new ClientInfo("127.0.0.1", "RbacKit.Benchmarks"), default);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The login failed: {result.Error.Code}.");
        }
    });

    public void HttpLogin(string email)
    {
        using var content = new StringContent($$"""{"email":"{{email}}","password":"{{PairedLogin.Password}}"}""", Encoding.UTF8, "application/json");
        using var response = _client.PostAsync("/auth/login", content).GetAwaiter().GetResult();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"POST /auth/login answered {(int)response.StatusCode}, expected 200.");
        }

        _ = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        _client.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static void Run(IServiceProvider services, Func<IServiceProvider, Task> action)
    {
        using var scope = services.CreateScope();
        action(scope.ServiceProvider).GetAwaiter().GetResult();
    }
}
