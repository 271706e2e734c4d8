namespace RbacKit;

/// <summary>How long login history is kept.</summary>
public sealed class LoginHistoryOptions
{
    /// <summary>
    /// Login events older than this are deleted by the maintenance job, daily (on PostgreSQL whole monthly partitions are
    /// detached and dropped once all of their month is older, the rest deleted in batches). At least one day.
    /// Default 365 days.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(365);
}
