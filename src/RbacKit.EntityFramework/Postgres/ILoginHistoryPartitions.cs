namespace RbacKit.EntityFramework;

/// <summary>
/// Maintenance of the login-history table. On PostgreSQL the table is range-partitioned by month on its timestamp, with a
/// default partition so that no insert ever fails; on other providers the partition calls are no-ops and
/// <see cref="DeleteOlderThanAsync"/> deletes rows in batches.
/// </summary>
public interface ILoginHistoryPartitions
{
    /// <summary>Whether the provider partitions login history (PostgreSQL).</summary>
    bool IsSupported { get; }

    /// <summary>Turns a plain login-events table (as created by migrations or EnsureCreated) into a partitioned one, keeping its rows. Idempotent.</summary>
    Task EnsurePartitionedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Creates the monthly partitions from the month of <paramref name="from"/> through <paramref name="monthsAhead"/> months
    /// later, moving any rows of those months out of the default partition. Idempotent; returns the number created. Call at
    /// start-up and daily.
    /// </summary>
    Task<int> EnsurePartitionsAsync(DateTimeOffset from, int monthsAhead, CancellationToken cancellationToken);

    /// <summary>
    /// Retention: deletes login events older than <paramref name="cutoff"/>. On PostgreSQL every monthly partition whose
    /// whole month is older is detached and dropped (no row-by-row delete, no table bloat); what remains older than the
    /// cutoff (in the month that holds it, and in the default partition) is deleted in batches of 5,000, as every older
    /// row is on other providers, so no transaction grows with the table. Safe to run on several instances at once.
    /// </summary>
    Task<LoginHistoryPruneResult> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
