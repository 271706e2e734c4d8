using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Domain;
using RbacKit.EntityFramework;

namespace RbacKit.Benchmarks.Postgres;

/// <summary>
/// The benchmark database: given by <c>RBACKIT_BENCH_POSTGRES</c> (an Npgsql connection string to an empty, throwaway
/// database). The first run creates RbacKit's tables, partitions login history by month and loads it; later runs find the
/// marker user and reuse the data.
/// </summary>
internal static class BenchDatabase
{
    public const string EnvironmentVariable = "RBACKIT_BENCH_POSTGRES";
    public const string LoginEventsVariable = "RBACKIT_BENCH_LOGIN_EVENTS";

    /// <summary>Login events loaded: 1,000,000, or <c>RBACKIT_BENCH_LOGIN_EVENTS</c> (at least 100,000, so the history user has a full page) for a quick dry run.</summary>
    public static readonly int LoginEventCount = int.TryParse(Environment.GetEnvironmentVariable(LoginEventsVariable), out var count) ? Math.Max(count, 100_000) : 1_000_000;
    public static readonly int HistoryUserEvents = LoginEventCount / 5000;

    public static readonly Guid User3x20 = new("0193a000-0000-7000-8000-000000000320");
    public static readonly Guid User10x200 = new("0193a000-0000-7000-8000-000000010200");
    public static readonly Guid HistoryUser = new("0193a000-0000-7000-8000-0000000000aa");
    public static readonly DateTimeOffset HistoryStart = new(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static string? ConnectionString => Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : null;

    public static IEnumerable<string> PermissionNames(int roles, int perRole, string prefix) =>
        Enumerable.Range(0, roles).SelectMany(r => Enumerable.Range(0, perRole).Select(p => $"{prefix}{r}-{p / 10}:action{p % 10}"));

    public static async Task EnsureSeededAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
        await context.Database.EnsureCreatedAsync();
        if (await context.Set<User>().AnyAsync(u => u.Id == User10x200))
        {
            return;
        }

        var watch = Stopwatch.StartNew();
        var partitions = scope.ServiceProvider.GetRequiredService<ILoginHistoryPartitions>();
        await partitions.EnsurePartitionedAsync(default);
        await partitions.EnsurePartitionsAsync(HistoryStart, 11, default);

        AddUserWithRoles(context, User3x20, 3, 20, "small");
        AddUserWithRoles(context, User10x200, 10, 200, "large");
        await context.SaveChangesAsync();

        var entity = context.Model.FindEntityType(typeof(LoginEvent))!;
        string Column(string property) => $"\"{entity.FindProperty(property)!.GetColumnName()}\"";
        var table = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{entity.GetTableName()}\"" : $"\"{entity.GetTableName()}\"";
        context.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
#pragma warning disable EF1002 // identifiers come from the model; no input
        await context.Database.ExecuteSqlRawAsync($"""
            INSERT INTO {table} ({Column(nameof(LoginEvent.Id))}, {Column(nameof(LoginEvent.UserId))}, {Column(nameof(LoginEvent.At))},
                                 {Column(nameof(LoginEvent.IpAddress))}, {Column(nameof(LoginEvent.UserAgent))}, {Column(nameof(LoginEvent.Outcome))})
            SELECT gen_random_uuid(),
                   CASE WHEN i % 5000 = 0 THEN '{HistoryUser}'::uuid ELSE md5((i % 10007)::text)::uuid END,
                   timestamptz '2025-12-01 00:00:00+00' + i * interval '31 seconds',
                   '10.0.' || (i % 250) || '.' || (i % 200),
                   'Mozilla/5.0 (X11; Linux x86_64) RbacKit.Benchmarks',
                   i % 7
            FROM generate_series(1, {LoginEventCount}) AS s(i)
            """);
        await context.Database.ExecuteSqlRawAsync($"ANALYZE {table}");
#pragma warning restore EF1002
        Console.WriteLine($"// RbacKit.Benchmarks: seeded {LoginEventCount:N0} login events and 13 roles in {watch.Elapsed.TotalSeconds:F0} s");
    }

    private static void AddUserWithRoles(BenchDbContext context, Guid userId, int roleCount, int perRole, string prefix)
    {
        var now = HistoryStart;
        context.Add(new User
        {
            Id = userId,
            Email = $"{prefix}@bench.example",
            NormalizedEmail = $"{prefix.ToUpperInvariant()}@BENCH.EXAMPLE",
            FirstName = "Bench",
            LastName = prefix,
            PasswordHash = "unused",
            CreatedAt = now,
            UpdatedAt = now,
        });
        var names = PermissionNames(roleCount, perRole, prefix).ToArray();
        for (var r = 0; r < roleCount; r++)
        {
            var roleId = Guid.CreateVersion7();
            var role = new Role
            {
                Id = roleId,
                Name = $"{prefix}-role-{r}",
                NormalizedName = $"{prefix}-ROLE-{r}".ToUpperInvariant(),
                CreatedAt = now,
                UpdatedAt = now,
                Permissions = [.. names.Skip(r * perRole).Take(perRole).Select(n => new RolePermission { RoleId = roleId, Permission = n })],
            };
            context.Add(role);
            context.Add(new UserRole { UserId = userId, RoleId = role.Id, GrantedAt = now });
        }
    }
}
