using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace RbacKit.EntityFramework.Tests;

/// <summary>
/// The login-history page query on PostgreSQL, as the store sends it: EXPLAIN shows only the months between the
/// retention bound and the cursor's time, read through the (user_id, at, id) index backwards, and no sort node; the
/// capped count rides in the same statement as an InitPlan.
/// </summary>
public sealed partial class PostgresHistoryPlanTests : IAsyncLifetime
{
    private readonly PlanCapture _capture = new();
    private string _connectionString = "";
    private TestDbContext _context = null!;

    public async Task InitializeAsync()
    {
        (_context, _connectionString) = await TestDatabases.CreateContextAsync(Provider.Postgres, nameof(PostgresHistoryPlanTests), _capture);
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public async Task A_history_page_reads_only_the_months_in_its_time_bounds_through_the_index_without_a_sort()
    {
        var partitions = new LoginHistoryPartitions<TestDbContext>(_context, NullLogger<LoginHistoryPartitions<TestDbContext>>.Instance);
        await partitions.EnsurePartitionedAsync(default);
        await partitions.EnsurePartitionsAsync(new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero), 4, default);

        // 40,000 events every 5 minutes from August to mid-December; a heavy user has a quarter of them, 400 others the rest.
        var user = Guid.CreateVersion7();
        await _context.Database.ExecuteSqlRawAsync("""
            INSERT INTO "rbac_login_events" ("Id", "UserId", "At", "Outcome")
            SELECT gen_random_uuid(), CASE WHEN i % 4 = 0 THEN {0} ELSE md5((i % 401)::text)::uuid END,
                   timestamptz '2026-08-01 00:00:00+00' + i * interval '5 minutes', 0
            FROM generate_series(1, 40000) AS s(i)
            """, user);
        await _context.Database.ExecuteSqlRawAsync("ANALYZE \"rbac_login_events\"");

        // Retention reaches back to 10 October; the cursor stands at 20 November.
        var since = new DateTimeOffset(2026, 10, 10, 0, 0, 0, TimeSpan.Zero);
        var cursor = PageCursor.After(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero), Guid.Empty, 2).Encode("login-history");
        Assert.Null(Paging.Validate(1, 20, cursor, "login-history", PageKeyKind.Time, out var request));
        _capture.Commands.Clear();
        var page = await new EfLoginEventStore<TestDbContext>(_context).GetPageAsync(user, since, request, default);
        Assert.Equal(20, page.Items.Count);
        Assert.True(page.HasMore);
        Assert.All(page.Items, e => Assert.InRange(e.At, since, new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero)));

        // One statement: the page, and the capped count as an InitPlan (run once).
        var pageQuery = Assert.Single(_capture.Commands);
        var (plan, countPlan) = SplitInitPlans(await ExplainAsync(pageQuery));
        Assert.True(plan.Contains("rbac_login_events_y2026m11", StringComparison.Ordinal) && plan.Contains("rbac_login_events_y2026m10", StringComparison.Ordinal), plan);
        foreach (var pruned in new[] { "y2026m08", "y2026m09", "y2026m12", "default" })
        {
            Assert.False(plan.Contains("rbac_login_events_" + pruned, StringComparison.Ordinal), plan);
        }

        Assert.True(IndexScanBackward().IsMatch(plan), plan);
        Assert.False(SortNode().IsMatch(plan), plan);

        // The capped count: bounded below by retention, so the older months are pruned too.
        Assert.Contains("Aggregate", countPlan, StringComparison.Ordinal);
        Assert.DoesNotContain("rbac_login_events_y2026m08", countPlan, StringComparison.Ordinal);
        Assert.DoesNotContain("rbac_login_events_y2026m09", countPlan, StringComparison.Ordinal);
        Assert.Contains("Limit", countPlan, StringComparison.Ordinal);
    }

    private async Task<string> ExplainAsync((string Text, List<(string Name, NpgsqlTypes.NpgsqlDbType Type, object? Value)> Parameters) command)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN (COSTS OFF) " + command.Text, connection);
        foreach (var (name, type, value) in command.Parameters)
        {
            explain.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    /// <summary>The plan without its InitPlan subtrees, and those subtrees (the lines indented below an InitPlan line).</summary>
    private static (string Main, string InitPlans) SplitInitPlans(string plan)
    {
        List<string> main = [], init = [];
        var depth = -1;
        foreach (var line in plan.Split('\n'))
        {
            var indent = line.Length - line.TrimStart().Length;
            if (depth >= 0 && indent > depth)
            {
                init.Add(line);
                continue;
            }

            depth = line.TrimStart().StartsWith("InitPlan", StringComparison.Ordinal) ? indent : -1;
            (depth >= 0 ? init : main).Add(line);
        }

        return (string.Join('\n', main), string.Join('\n', init));
    }

    [GeneratedRegex(@"Index (Only )?Scan Backward using ""?[^ ]*UserId_At_Id", RegexOptions.CultureInvariant)]
    private static partial Regex IndexScanBackward();

    /// <summary>A sort node (Sort, Incremental Sort), not the "Sort Key" line of an ordered append.</summary>
    [GeneratedRegex(@"(^|->\s+)(Incremental )?Sort\b(?! Key)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SortNode();

    /// <summary>Records each command's text and parameters, to EXPLAIN exactly what the store sent.</summary>
    private sealed class PlanCapture : DbCommandInterceptor
    {
        public List<(string Text, List<(string Name, NpgsqlTypes.NpgsqlDbType Type, object? Value)> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, [.. command.Parameters.Cast<NpgsqlParameter>().Select(p => (p.ParameterName, p.NpgsqlDbType, p.Value))]));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, [.. command.Parameters.Cast<NpgsqlParameter>().Select(p => (p.ParameterName, p.NpgsqlDbType, p.Value))]));
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
