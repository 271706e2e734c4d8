using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RbacKit.Domain;

namespace RbacKit.EntityFramework;

internal sealed partial class LoginHistoryPartitions<TContext>(TContext context, ILogger<LoginHistoryPartitions<TContext>> logger) : ILoginHistoryPartitions
    where TContext : DbContext
{
    public bool IsSupported => context.IsPostgres();

    public async Task EnsurePartitionedAsync(CancellationToken cancellationToken)
    {
        if (!IsSupported)
        {
            return;
        }

        var table = new LoginEventTable(context.Model);
        var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // One converter at a time across instances.
            await context.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(72817001)", cancellationToken).ConfigureAwait(false);
            if (!await QueryBoolAsync(table.IsPartitionedSql, cancellationToken).ConfigureAwait(false))
            {
                await context.Database.ExecuteSqlRawAsync(table.ConvertSql(), cancellationToken).ConfigureAwait(false);
                Log.Partitioned(logger, table.Name);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<int> EnsurePartitionsAsync(DateTimeOffset from, int monthsAhead, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(monthsAhead);
        if (!IsSupported)
        {
            return 0;
        }

        var table = new LoginEventTable(context.Model);
        var first = new DateTimeOffset(from.UtcDateTime.Year, from.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var created = 0;
        var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await context.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(72817002)", cancellationToken).ConfigureAwait(false);
            for (var month = 0; month <= monthsAhead; month++)
            {
                var start = first.AddMonths(month);
                if (await QueryBoolAsync(table.PartitionExistsSql(table.MonthName(start)), cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                await context.Database.ExecuteSqlRawAsync(table.CreateMonthSql(start, out var name), cancellationToken).ConfigureAwait(false);
                Log.PartitionCreated(logger, name);
                created++;
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return created;
    }

    public async Task<LoginHistoryPruneResult> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var dropped = 0;
        if (IsSupported)
        {
            var table = new LoginEventTable(context.Model);
            var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // The same lock as partition creation: a month is never created and dropped at once.
                await context.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(72817002)", cancellationToken).ConfigureAwait(false);
                var months = await context.Database.SqlQueryRaw<string>(table.MonthPartitionsSql).ToListAsync(cancellationToken).ConfigureAwait(false);
                foreach (var name in months)
                {
                    if (table.MonthOf(name) is { } start && start.AddMonths(1) <= cutoff)
                    {
                        await context.Database.ExecuteSqlRawAsync(table.DropMonthSql(name), cancellationToken).ConfigureAwait(false);
                        Log.PartitionDropped(logger, name);
                        dropped++;
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        // Whatever is not in a dropped partition (SQLite's table, PostgreSQL's default partition): in batches.
        long deleted = 0;
        int batch;
        do
        {
            batch = await context.Set<LoginEvent>().Where(e => e.At < cutoff && context.Set<LoginEvent>()
                    .Where(o => o.At < cutoff).OrderBy(o => o.At).Take(DeleteBatch).Any(o => o.Id == e.Id && o.At == e.At))
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            deleted += batch;
        }
        while (batch == DeleteBatch);

        if (dropped > 0 || deleted > 0)
        {
            Log.Pruned(logger, dropped, deleted, cutoff);
        }

        return new LoginHistoryPruneResult(dropped, deleted);
    }

    private const int DeleteBatch = 5000;

    private async Task<bool> QueryBoolAsync(string sql, CancellationToken cancellationToken) =>
        await context.Database.SqlQueryRaw<bool>(sql).SingleAsync(cancellationToken).ConfigureAwait(false);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Login history table {Table} converted to monthly range partitions")]
        public static partial void Partitioned(ILogger logger, string table);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Login history partition {Partition} created")]
        public static partial void PartitionCreated(ILogger logger, string partition);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Login history partition {Partition} dropped (retention)")]
        public static partial void PartitionDropped(ILogger logger, string partition);

        [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Login history retention: {Partitions} partitions dropped, {Rows} rows deleted, older than {Cutoff}")]
        public static partial void Pruned(ILogger logger, int partitions, long rows, DateTimeOffset cutoff);
    }
}
