using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

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

    private async Task<bool> QueryBoolAsync(string sql, CancellationToken cancellationToken) =>
        await context.Database.SqlQueryRaw<bool>(sql).SingleAsync(cancellationToken).ConfigureAwait(false);

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Login history table {Table} converted to monthly range partitions")]
        public static partial void Partitioned(ILogger logger, string table);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Login history partition {Partition} created")]
        public static partial void PartitionCreated(ILogger logger, string partition);
    }
}
