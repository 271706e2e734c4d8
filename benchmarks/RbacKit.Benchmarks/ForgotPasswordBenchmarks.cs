using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Accounts.Recovery;
using RbacKit.Benchmarks.Postgres;
using static RbacKit.Benchmarks.ForgotPasswordDatabase;

namespace RbacKit.Benchmarks;

/// <summary>
/// <see cref="IAccountRecoveryService.ForgotPasswordAsync"/> without HTTP (the work the background worker does after
/// <c>POST /auth/forgot-password</c> has answered) for a known address (a reset token stored, a mail rendered,
/// encrypted and queued) against an unknown one (the decoy: the same token, rendering and encryption, and as many round
/// trips, each a write that matches no row). Baseline: the unknown address, so <c>Ratio</c> is known / unknown. On
/// SQLite through RbacKit's EF stores (a temporary file, as the host's default), a DI scope per call as a request has.
/// Each known call leaves one more row in the outbox (nothing drains it here). What a client sees is measured by
/// <see cref="ForgotPasswordEndpointBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
public class ForgotPasswordBenchmarks
{
    private readonly CommandCounter _commands = new();
    private ServiceProvider _services = null!;
    private string _file = null!;

    [GlobalSetup]
    public void Setup()
    {
        _file = NewFile("forgot");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContextPool<BenchDbContext>(o => o.UseSqlite($"Data Source={_file};Default Timeout=30").AddInterceptors(_commands));
        services.AddRbacKitCore(Configure).AddEntityFrameworkStores<BenchDbContext>();
        _services = services.BuildServiceProvider();
        Create(_services);

        // Check the answers and the outbox, and show the round trips of each path.
        foreach (var email in new[] { Known, Unknown })
        {
            var before = Queued(_services);
            _commands.Reset();
            if (!ForgotAsync(email).GetAwaiter().GetResult().Succeeded)
            {
                throw new InvalidOperationException($"forgot-password for {email} failed.");
            }

            var commands = _commands.Count;
            var queued = Queued(_services) - before;
            Console.WriteLine($"// forgot-password {(email == Known ? "known" : "unknown")}: {commands} SQL command(s), {queued} mail(s) queued");
            CheckQueued(email, queued);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Delete(_file);
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
}
