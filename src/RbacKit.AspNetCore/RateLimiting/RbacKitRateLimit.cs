namespace RbacKit.AspNetCore;

/// <summary>A sliding-window limit: at most <see cref="PermitLimit"/> requests per <see cref="Window"/> and partition.</summary>
public sealed class RbacKitRateLimit
{
    /// <summary>Requests allowed per window. 0 turns this limit off.</summary>
    public int PermitLimit { get; set; }

    /// <summary>The window length.</summary>
    public TimeSpan Window { get; set; }

    /// <summary>Segments of the sliding window. Default 6.</summary>
    public int SegmentsPerWindow { get; set; } = 6;
}
