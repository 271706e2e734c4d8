using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using RbacKit.Domain;

namespace RbacKit.EntityFramework.Tests;

/// <summary>
/// Login-history retention: everything older than the cutoff goes, nothing newer does. On PostgreSQL whole months go as
/// dropped partitions and only the month holding the cutoff (and the default partition) is deleted row by row; on SQLite
/// rows are deleted in batches.
/// </summary>
public sealed class LoginHistoryRetentionTests
{
    private static readonly DateTimeOffset Cutoff = new(2026, 6, 15, 0, 0, 0, TimeSpan.Zero);

    private static async Task<TestDbContext> ContextAsync(Provider provider)
    {
        var builder = new DbContextOptionsBuilder<TestDbContext>();
        TestDatabases.Configure(builder, provider, await TestDatabases.GetAsync(provider, "retention" + Guid.NewGuid().ToString("N")[..8]));
        return new TestDbContext(builder.Options);
    }

    private static LoginHistoryPartitions<TestDbContext> Partitions(TestDbContext context) =>
        new(context, NullLogger<LoginHistoryPartitions<TestDbContext>>.Instance);

    private static async Task AddEventsAsync(TestDbContext context, Guid user, IEnumerable<DateTimeOffset> times)
    {
        context.AddRange(times.Select(at => new LoginEvent { Id = Guid.CreateVersion7(at), UserId = user, At = at, Outcome = LoginOutcome.Success }));
        await context.SaveChangesAsync();
        context.ChangeTracker.Clear();
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task Events_older_than_the_cutoff_are_deleted_and_newer_ones_kept(Provider provider)
    {
        await using var context = await ContextAsync(provider);
        var partitions = Partitions(context);
        await partitions.EnsurePartitionedAsync(default);
        await partitions.EnsurePartitionsAsync(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), 4, default); // March to July
        var user = Guid.CreateVersion7();
        // More old rows than one delete batch holds, spread over March, April, May and the first half of June; the
        // default partition gets February's.
        var old = Enumerable.Range(0, 6000).Select(i => new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i * 30)).Where(t => t < Cutoff).ToList();
        var kept = new[] { Cutoff, Cutoff.AddDays(1), new DateTimeOffset(2026, 7, 3, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero) };
        await AddEventsAsync(context, user, old.Concat(kept));

        var result = await partitions.DeleteOlderThanAsync(Cutoff, default);

        var left = await context.Set<LoginEvent>().Select(e => e.At).OrderBy(a => a).ToListAsync();
        Assert.Equal(kept, left);
        if (provider == Provider.Postgres)
        {
            // March, April and May were dropped whole; February (default partition) and early June went row by row.
            Assert.Equal(3, result.PartitionsDropped);
            Assert.Equal(old.Count(t => t < new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero) || t >= new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero)), result.RowsDeleted);
            var months = await context.Database.SqlQueryRaw<string>(new LoginEventTable(context.Model).MonthPartitionsSql).ToListAsync();
            Assert.Equal(["rbac_login_events_y2026m06", "rbac_login_events_y2026m07"], months);
        }
        else
        {
            Assert.Equal(0, result.PartitionsDropped);
            Assert.Equal(old.Count, result.RowsDeleted);
        }

        Assert.Equal(new LoginHistoryPruneResult(0, 0), await partitions.DeleteOlderThanAsync(Cutoff, default));
    }
}
