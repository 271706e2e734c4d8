using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RbacKit.Domain;
using RbacKit.Permissions;
using RbacKit.Stores;

namespace RbacKit.Benchmarks.Postgres;

/// <summary>
/// Cold authorization data and login history from PostgreSQL through RbacKit's EF stores, a DI scope per operation (as a
/// request has), pooled DbContexts and connections. Baseline: one bare round trip (<c>SELECT 1</c> on a pooled Npgsql
/// connection), so the ratio reads as "round trips' worth". Login history holds 1,000,000 rows in monthly partitions.
/// Registered only when <c>RBACKIT_BENCH_POSTGRES</c> is set.
/// </summary>
[MemoryDiagnoser]
public class PostgresBenchmarks
{
    private readonly CommandCounter _commands = new();
    private ServiceProvider _services = null!;
    private NpgsqlDataSource _dataSource = null!;
    private PermissionCatalog _catalog = null!;

    [GlobalSetup]
    public void Setup()
    {
        var connectionString = BenchDatabase.ConnectionString ?? throw new InvalidOperationException($"Set {BenchDatabase.EnvironmentVariable}.");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContextPool<BenchDbContext>(o => o.UseNpgsql(connectionString).AddInterceptors(_commands));
        services.AddRbacKitCore(o =>
        {
            o.Issuer = "https://auth.cinema.example";
            o.Audience = "cinema-api";
            o.Tokens.KeyEncryptionKey = Convert.ToBase64String(new byte[32]);
        }).AddEntityFrameworkStores<BenchDbContext>();
        _services = services.BuildServiceProvider();
        _dataSource = NpgsqlDataSource.Create(connectionString);
        BenchDatabase.EnsureSeededAsync(_services).GetAwaiter().GetResult();
        _catalog = new PermissionCatalog(BenchDatabase.PermissionNames(10, 200, "large").Select(n => new PermissionDefinition { Name = n }));

        // Check the answers and count the round trips of one operation each.
        foreach (var (name, run, expected) in new (string, Func<Task<int>>, int)[]
        {
            ("GetAuthorizationDataAsync 3x20", () => AuthorizationDataAsync(BenchDatabase.User3x20), 3 * 20),
            ("GetAuthorizationDataAsync 10x200", () => AuthorizationDataAsync(BenchDatabase.User10x200), 10 * 200),
            ("cold resolution 10x200", async () => (await ColdResolution10x200()).Ids.Count(), 10 * 200),
            ("login history page", LoginHistoryPage, 20),
        })
        {
            _commands.Reset();
            var actual = run().GetAwaiter().GetResult();
            Console.WriteLine($"// {name}: {_commands.Count} SQL command(s), result {actual}");
            if (actual != expected)
            {
                throw new InvalidOperationException($"{name} returned {actual}, expected {expected}.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _dataSource.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true, Description = "one round trip (SELECT 1)")]
    public async Task<int> RoundTrip()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    [Benchmark(Description = "GetAuthorizationDataAsync 3x20")]
    public Task<int> AuthorizationData3x20() => AuthorizationDataAsync(BenchDatabase.User3x20);

    [Benchmark(Description = "GetAuthorizationDataAsync 10x200")]
    public Task<int> AuthorizationData10x200() => AuthorizationDataAsync(BenchDatabase.User10x200);

    [Benchmark(Description = "cold resolution 10x200 (store + resolver)")]
    public async Task<PermissionSet> ColdResolution10x200()
    {
        await using var scope = _services.CreateAsyncScope();
        var data = await scope.ServiceProvider.GetRequiredService<IRoleStore>().GetAuthorizationDataAsync(BenchDatabase.User10x200, default);
        return new PermissionResolver(_catalog).Resolve(data!.Roles);
    }

    [Benchmark(Description = "login history page (1M rows)")]
    public async Task<int> LoginHistoryPage()
    {
        await using var scope = _services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<ILoginEventStore>().GetPageAsync(BenchDatabase.HistoryUser, BenchDatabase.HistoryStart, PageRequest.First("login-history", 20), default);
        return page.Total == Math.Min(BenchDatabase.HistoryUserEvents, Paging.TotalCap) ? page.Items.Count : -1;
    }

    private async Task<int> AuthorizationDataAsync(Guid userId)
    {
        await using var scope = _services.CreateAsyncScope();
        var data = await scope.ServiceProvider.GetRequiredService<IRoleStore>().GetAuthorizationDataAsync(userId, default);
        return data!.Roles.Sum(r => r.Permissions.Count);
    }
}
