using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Accounts;
using RbacKit.Accounts.Recovery;
using RbacKit.Benchmarks.Postgres;
using RbacKit.Mail;
using RbacKit.Seeding;

namespace RbacKit.Benchmarks;

/// <summary>
/// <c>POST /auth/forgot-password</c> without HTTP: <see cref="IAccountRecoveryService.ForgotPasswordAsync"/> for a known
/// address (a reset token stored, a mail rendered, encrypted and queued) against an unknown one (the decoy: the same
/// token, rendering and encryption, and as many round trips, each a write that matches no row). Baseline: the unknown
/// address, so <c>Ratio</c> is known / unknown; close to 1 means the answer's timing tells little about whether an account
/// exists. On SQLite through RbacKit's EF stores (a temporary file, as the host's default), a DI scope per call as a
/// request has. Each known call leaves one more row in the outbox (nothing drains it here).
/// </summary>
[MemoryDiagnoser]
public class ForgotPasswordBenchmarks
{
    private const string Known = "ada@cinema.example";
    private const string Unknown = "nobody@cinema.example";
    private readonly CommandCounter _commands = new();
    private ServiceProvider _services = null!;
    private string _file = null!;

    [GlobalSetup]
    public void Setup()
    {
        _file = Path.Combine(Path.GetTempPath(), $"rbackit-bench-forgot-{Guid.CreateVersion7():N}.db");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContextPool<BenchDbContext>(o => o.UseSqlite($"Data Source={_file};Default Timeout=30").AddInterceptors(_commands));
        services.AddRbacKitCore(o =>
        {
            o.Issuer = "https://auth.cinema.example";
            o.Audience = "cinema-api";
            o.Tokens.KeyEncryptionKey = Convert.ToBase64String(new byte[32]);
            o.Passwords.WorkFactor = 4;
            o.Passwords.AllowWeakWorkFactor = true;
            o.Permissions.Add("movies:read");
            o.Roles.Add("user", null, "movies:read");
        }).AddEntityFrameworkStores<BenchDbContext>();
        _services = services.BuildServiceProvider();
        RunAsync(async scope =>
        {
            await scope.GetRequiredService<BenchDbContext>().Database.EnsureCreatedAsync();
            await scope.GetRequiredService<IRbacSeeder>().SeedAsync(default);
            var password = "correct horse battery staple 42";
            var registered = await scope.GetRequiredService<IAccountService>().RegisterAsync(new RegisterRequest(Known, password, password, "Ada", "Lovelace"), default);
            if (!registered.Succeeded)
            {
                throw new InvalidOperationException(registered.Error?.Message);
            }
        });

        // Check the answers and the outbox, and show the round trips of each path.
        foreach (var (email, queues) in new[] { (Known, 1), (Unknown, 0) })
        {
            var before = Queued();
            _commands.Reset();
            if (!ForgotAsync(email).GetAwaiter().GetResult().Succeeded)
            {
                throw new InvalidOperationException($"forgot-password for {email} failed.");
            }

            var commands = _commands.Count;
            var queued = Queued() - before;
            Console.WriteLine($"// forgot-password {(queues == 1 ? "known" : "unknown")}: {commands} SQL command(s), {queued} mail(s) queued");
            if (queued != queues)
            {
                throw new InvalidOperationException($"forgot-password for {email} queued {queued} mail(s), expected {queues}.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }
    }

    [Benchmark(Baseline = true, Description = "forgot-password, unknown address")]
    public Task<RbacResult> UnknownAddress() => ForgotAsync(Unknown);

    [Benchmark(Description = "forgot-password, known address")]
    public Task<RbacResult> KnownAddress() => ForgotAsync(Known);

    private async Task<RbacResult> ForgotAsync(string email)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IAccountRecoveryService>().ForgotPasswordAsync(email, default);
    }

    private int Queued()
    {
        var count = 0;
        RunAsync(async scope => count = await scope.GetRequiredService<IMailOutboxStore>().CountAsync(default));
        return count;
    }

    private void RunAsync(Func<IServiceProvider, Task> action)
    {
        using var scope = _services.CreateScope();
        action(scope.ServiceProvider).GetAwaiter().GetResult();
    }
}
