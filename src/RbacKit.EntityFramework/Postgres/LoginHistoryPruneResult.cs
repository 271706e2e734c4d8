namespace RbacKit.EntityFramework;

/// <summary>What <see cref="ILoginHistoryPartitions.DeleteOlderThanAsync"/> removed.</summary>
/// <param name="PartitionsDropped">Monthly partitions detached and dropped (PostgreSQL).</param>
/// <param name="RowsDeleted">Rows deleted one batch at a time (the default partition on PostgreSQL; the table elsewhere).</param>
public readonly record struct LoginHistoryPruneResult(int PartitionsDropped, long RowsDeleted);
