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

    /// <summary>
    /// Add PostgreSQL's user-search indexes to the model: the <c>pg_trgm</c> extension, trigram GIN indexes on the
    /// normalized email, first and last name (substring search) and a <c>text_pattern_ops</c> b-tree on the normalized
    /// email (prefix search). Set automatically when the context's provider is Npgsql; the next migration a host adds
    /// creates them (<c>CREATE EXTENSION IF NOT EXISTS pg_trgm</c>: a trusted extension, so the database owner may create
    /// it). Without them, searches on PostgreSQL still work but scan the table.
    /// </summary>
    public bool PostgresSearchIndexes { get; set; }
}
