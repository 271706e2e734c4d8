namespace RbacKit.EntityFramework;

/// <summary>
/// Maintenance of the login-history table. On PostgreSQL the table is range-partitioned by month on its timestamp, with a
/// default partition so that no insert ever fails; on other providers every call is a no-op.
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
}
