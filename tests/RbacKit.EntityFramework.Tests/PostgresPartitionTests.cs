using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using RbacKit.Domain;

namespace RbacKit.EntityFramework.Tests;

/// <summary>Login history on PostgreSQL: monthly range partitions, routing, pruning and the maintenance routine.</summary>
public sealed class PostgresPartitionTests : IAsyncLifetime
{
    private TestDbContext _context = null!;
    private LoginHistoryPartitions<TestDbContext> _partitions = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestDatabases.GetAsync(Provider.Postgres, nameof(PostgresPartitionTests) + Guid.NewGuid().ToString("N")[..8]);
        var builder = new DbContextOptionsBuilder<TestDbContext>();
        TestDatabases.Configure(builder, Provider.Postgres, connectionString);
        _context = new TestDbContext(builder.Options);
        _partitions = new LoginHistoryPartitions<TestDbContext>(_context, NullLogger<LoginHistoryPartitions<TestDbContext>>.Instance);
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private async Task<Guid> AddEventAsync(Guid userId, DateTimeOffset at)
    {
        var id = Guid.CreateVersion7(at);
        _context.Add(new LoginEvent { Id = id, UserId = userId, At = at, Outcome = LoginOutcome.Success });
        await _context.SaveChangesAsync();
        _context.ChangeTracker.Clear();
        return id;
    }

    private async Task<string> PartitionOfAsync(Guid id) =>
        await _context.Database.SqlQueryRaw<string>("SELECT tableoid::regclass::text AS \"Value\" FROM \"rbac_login_events\" WHERE \"Id\" = {0}", id).SingleAsync();

    [Fact]
    public async Task Conversion_keeps_rows_and_is_idempotent()
    {
        var user = Guid.CreateVersion7();
        var before = await AddEventAsync(user, new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero));
        await _partitions.EnsurePartitionedAsync(default);
        await _partitions.EnsurePartitionedAsync(default);
        Assert.Equal("rbac_login_events_default", await PartitionOfAsync(before));
        Assert.Equal(1, await _context.Set<LoginEvent>().CountAsync());
    }

    [Fact]
    public async Task Rows_of_different_months_land_in_different_partitions()
    {
        await _partitions.EnsurePartitionedAsync(default);
        var created = await _partitions.EnsurePartitionsAsync(new DateTimeOffset(2026, 10, 15, 0, 0, 0, TimeSpan.Zero), 2, default);
        Assert.Equal(3, created);
        Assert.Equal(0, await _partitions.EnsurePartitionsAsync(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), 2, default));

        var user = Guid.CreateVersion7();
        var october = await AddEventAsync(user, new DateTimeOffset(2026, 10, 31, 23, 59, 59, TimeSpan.Zero));
        var november = await AddEventAsync(user, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var december = await AddEventAsync(user, new DateTimeOffset(2026, 12, 24, 12, 0, 0, TimeSpan.Zero));
        var far = await AddEventAsync(user, new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal("rbac_login_events_y2026m10", await PartitionOfAsync(october));
        Assert.Equal("rbac_login_events_y2026m11", await PartitionOfAsync(november));
        Assert.Equal("rbac_login_events_y2026m12", await PartitionOfAsync(december));
        Assert.Equal("rbac_login_events_default", await PartitionOfAsync(far));

        // Creating the month later moves the row out of the default partition.
        Assert.Equal(1, await _partitions.EnsurePartitionsAsync(new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero), 0, default));
        Assert.Equal("rbac_login_events_y2027m06", await PartitionOfAsync(far));
    }

    [Fact]
    public async Task A_query_for_one_user_and_month_touches_one_partition()
    {
        await _partitions.EnsurePartitionedAsync(default);
        await _partitions.EnsurePartitionsAsync(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), 4, default);
        var user = Guid.CreateVersion7();
        await AddEventAsync(user, new DateTimeOffset(2026, 11, 2, 0, 0, 0, TimeSpan.Zero));
        var from = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var to = from.AddMonths(1);
        var rows = await _context.Database.SqlQuery<string>(
            $"EXPLAIN SELECT * FROM \"rbac_login_events\" WHERE \"UserId\" = {user} AND \"At\" >= {from} AND \"At\" < {to} ORDER BY \"At\" DESC").ToListAsync();
        var plan = string.Join('\n', rows);
        Assert.Contains("rbac_login_events_y2026m11", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("rbac_login_events_y2026m10", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("rbac_login_events_default", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_store_pages_a_partitioned_history_newest_first()
    {
        await _partitions.EnsurePartitionedAsync(default);
        await _partitions.EnsurePartitionsAsync(new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero), 3, default);
        var user = Guid.CreateVersion7();
        for (var month = 9; month <= 12; month++)
        {
            await AddEventAsync(user, new DateTimeOffset(2026, month, 10, 0, 0, 0, TimeSpan.Zero));
        }

        var page = await new EfLoginEventStore<TestDbContext>(_context).GetPageAsync(user, DateTimeOffset.UnixEpoch, PageRequest.First("test", 3), default);
        Assert.Equal(4, page.Total);
        Assert.Equal([12, 11, 10], page.Items.Select(e => e.At.Month));
    }
}
