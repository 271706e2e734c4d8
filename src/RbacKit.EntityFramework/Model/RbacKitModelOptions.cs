namespace RbacKit.EntityFramework;

/// <summary>Where RbacKit's tables go in a consumer's model.</summary>
public sealed class RbacKitModelOptions
{
    /// <summary>The schema of every RbacKit table; <see langword="null"/> for the provider default.</summary>
    public string? Schema { get; set; }

    /// <summary>A prefix of every RbacKit table name. Default <c>rbac_</c>.</summary>
    public string TablePrefix { get; set; } = "rbac_";

    /// <summary>
    /// Store date-times as Unix milliseconds (a 64-bit integer) instead of the provider's native type. Set automatically for
    /// SQLite, which cannot compare or order <see cref="DateTimeOffset"/> values in SQL.
    /// </summary>
    public bool StoreTimesAsUnixMilliseconds { get; set; }
}
