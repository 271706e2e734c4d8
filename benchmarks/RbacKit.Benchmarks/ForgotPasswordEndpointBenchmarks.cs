using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RbacKit.Accounts;
using RbacKit.AspNetCore;
using RbacKit.Benchmarks.Postgres;
using RbacKit.Mail;
using RbacKit.Seeding;

namespace RbacKit.Benchmarks;

/// <summary>
/// <c>POST /auth/forgot-password</c> as a client sees it: the time to the 202 answer for a known address against an
/// unknown one (baseline), through RbacKit's endpoint on an in-memory test server over a SQLite file. The handler
/// validates, takes a rate-limit permit and queues the request; the lookup, the token and the mail run afterwards in
/// the background worker, so both answers take the same path. One request per iteration, and each iteration waits
/// (outside the measurement) until the worker has finished it, so the worker's work never overlaps the next measured
/// answer (as for a client whose requests are spaced by the per-email limit) and every measured answer is a 202.
/// Its setup checks that only the known address queues a mail. No memory diagnoser: in process it would count the
/// worker's allocations too.
/// </summary>
[InvocationCount(1, 1)]
[WarmupCount(20)]
[IterationCount(200)]
public class ForgotPasswordEndpointBenchmarks
{
    private const string Known = "ada@cinema.example";
    private const string Unknown = "nobody@cinema.example";
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private string _file = null!;

    [GlobalSetup]
    public void Setup()
    {
        _file = Path.Combine(Path.GetTempPath(), $"rbackit-bench-forgot-http-{Guid.CreateVersion7():N}.db");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddDbContextPool<BenchDbContext>(o => o.UseSqlite($"Data Source={_file};Default Timeout=30"));
        builder.Services.AddRbacKit(o =>
        {
            o.Issuer = "https://auth.cinema.example";
            o.Audience = "cinema-api";
            o.Tokens.KeyEncryptionKey = Convert.ToBase64String(new byte[32]);
            o.Passwords.WorkFactor = 4;
            o.Passwords.AllowWeakWorkFactor = true;
            o.Permissions.Add("movies:read");
            o.Roles.Add("user", null, "movies:read");
        }).AddEntityFrameworkStores<BenchDbContext>().ConfigureRateLimits(o => o.Enabled = false);
        _app = builder.Build();
        _app.MapRbacKitAuthApi();
        Run(async services =>
        {
            await services.GetRequiredService<BenchDbContext>().Database.EnsureCreatedAsync();
            await services.GetRequiredService<IRbacSeeder>().SeedAsync(default);
            var password = "correct horse battery staple 42";
            var registered = await services.GetRequiredService<IAccountService>().RegisterAsync(new RegisterRequest(Known, password, password, "Ada", "Lovelace"), default);
            if (!registered.Succeeded)
            {
                throw new InvalidOperationException(registered.Error?.Message);
            }
        });
        _app.StartAsync().GetAwaiter().GetResult();
        _client = _app.GetTestClient();

        foreach (var (email, queues) in new[] { (Known, 1), (Unknown, 0) })
        {
            var before = Queued();
            ForgotAsync(email).GetAwaiter().GetResult();
            Drain();
            var queued = Queued() - before;
            Console.WriteLine($"// forgot-password over HTTP, {(queues == 1 ? "known" : "unknown")} address: 202, {queued} mail(s) queued by the worker");
            if (queued != queues)
            {
                throw new InvalidOperationException($"forgot-password for {email} queued {queued} mail(s), expected {queues}.");
            }
        }
    }

    [IterationCleanup]
    public void Drain()
    {
        var queue = _app.Services.GetRequiredService<RecoveryRequestQueue>();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (queue.Outstanding > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The recovery worker did not empty its queue within a minute.");
            }

            Thread.Sleep(1);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }

    [Benchmark(Baseline = true, Description = "forgot-password over HTTP, unknown address")]
    public Task UnknownAddress() => ForgotAsync(Unknown);

    [Benchmark(Description = "forgot-password over HTTP, known address")]
    public Task KnownAddress() => ForgotAsync(Known);

    private async Task ForgotAsync(string email)
    {
        using var content = new StringContent($"{{\"email\":\"{email}\"}}", Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/auth/forgot-password", content);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"forgot-password answered {(int)response.StatusCode}, expected 202.");
        }
    }

    private int Queued()
    {
        var count = 0;
        Run(async services => count = await services.GetRequiredService<IMailOutboxStore>().CountAsync(default));
        return count;
    }

    private void Run(Func<IServiceProvider, Task> action)
    {
        using var scope = _app.Services.CreateScope();
        action(scope.ServiceProvider).GetAwaiter().GetResult();
    }
}
