using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using RbacKit.Domain;

namespace RbacKit.EntityFramework;

/// <summary>The login-events table's names as the model maps them, quoted for PostgreSQL, and the SQL that partitions it.</summary>
internal sealed class LoginEventTable
{
    public LoginEventTable(IModel model)
    {
        var entity = model.FindEntityType(typeof(LoginEvent)) ?? throw new InvalidOperationException("The model does not apply RbacKit's model; call modelBuilder.ApplyRbacKitModel(Database).");
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        Schema = entity.GetSchema();
        Name = entity.GetTableName()!;
        At = Quote(entity.FindProperty(nameof(LoginEvent.At))!.GetColumnName(store)!);
        PrimaryKey = entity.FindPrimaryKey()!.GetName()!;
        PrimaryKeyColumns = string.Join(", ", entity.FindPrimaryKey()!.Properties.Select(p => Quote(p.GetColumnName(store)!)));
        Indexes = [.. entity.GetIndexes().Select(i => (i.GetDatabaseName(store)!, string.Join(", ", i.Properties.Select(p => Quote(p.GetColumnName(store)!)))))];
    }

    public string? Schema { get; }
    public string Name { get; }
    public string At { get; }
    public string PrimaryKey { get; }
    public string PrimaryKeyColumns { get; }
    public IReadOnlyList<(string Name, string Columns)> Indexes { get; }

    public string Qualified(string name) => Schema is null ? Quote(name) : $"{Quote(Schema)}.{Quote(name)}";

    public string SchemaLiteral => Schema is null ? "current_schema()" : $"'{Schema.Replace("'", "''", StringComparison.Ordinal)}'";

    public string IsPartitionedSql =>
        $"SELECT EXISTS (SELECT 1 FROM pg_partitioned_table pt JOIN pg_class c ON c.oid = pt.partrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = '{Name}' AND n.nspname = {SchemaLiteral}) AS \"Value\"";

    public string PartitionExistsSql(string partition) =>
        $"SELECT to_regclass('{Qualified(partition).Replace("'", "''", StringComparison.Ordinal)}') IS NOT NULL AS \"Value\"";

    public string ConvertSql()
    {
        var table = Qualified(Name);
        var old = Qualified(Name + "_unpartitioned");
        var statements = new List<string>
        {
            $"ALTER TABLE {table} RENAME TO {Quote(Name + "_unpartitioned")}",
            $"ALTER TABLE {old} RENAME CONSTRAINT {Quote(PrimaryKey)} TO {Quote(PrimaryKey + "_old")}",
        };
        statements.AddRange(Indexes.Select(i => $"ALTER INDEX {Qualified(i.Name)} RENAME TO {Quote(i.Name + "_old")}"));
        statements.Add($"CREATE TABLE {table} (LIKE {old} INCLUDING DEFAULTS) PARTITION BY RANGE ({At})");
        statements.Add($"ALTER TABLE {table} ADD CONSTRAINT {Quote(PrimaryKey)} PRIMARY KEY ({PrimaryKeyColumns})");
        statements.AddRange(Indexes.Select(i => $"CREATE INDEX {Quote(i.Name)} ON {table} ({i.Columns})"));
        statements.Add($"CREATE TABLE {Qualified(Name + "_default")} PARTITION OF {table} DEFAULT");
        statements.Add($"INSERT INTO {table} SELECT * FROM {old}");
        statements.Add($"DROP TABLE {old}");
        return string.Join(";\n", statements);
    }

    public string CreateMonthSql(DateTimeOffset monthStart, out string partition)
    {
        partition = MonthName(monthStart);
        var from = monthStart.ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture);
        var to = monthStart.AddMonths(1).ToString("yyyy-MM-dd'T'00:00:00'Z'", CultureInfo.InvariantCulture);
        var range = $"{At} >= '{from}' AND {At} < '{to}'";
        var table = Qualified(Name);
        var defaultPartition = Qualified(Name + "_default");
        var target = Qualified(partition);

        // Created detached and attached afterwards, so rows that already sit in the default partition move into it.
        return string.Join(";\n",
            $"CREATE TABLE {target} (LIKE {table} INCLUDING DEFAULTS)",
            $"INSERT INTO {target} SELECT * FROM {defaultPartition} WHERE {range}",
            $"DELETE FROM {defaultPartition} WHERE {range}",
            $"ALTER TABLE {table} ATTACH PARTITION {target} FOR VALUES FROM ('{from}') TO ('{to}')");
    }

    /// <summary>The monthly partitions of the table (names only; the default partition is not one).</summary>
    public string MonthPartitionsSql =>
        $"SELECT c.relname AS \"Value\" FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent " +
        $"JOIN pg_namespace n ON n.oid = p.relnamespace WHERE p.relname = '{Name}' AND n.nspname = {SchemaLiteral} AND c.relname LIKE '{Name}\\_y%' ORDER BY c.relname";

    /// <summary>The first instant of the month a partition named by <see cref="MonthName"/> holds; null for another name.</summary>
    public DateTimeOffset? MonthOf(string partition)
    {
        var prefix = Name + "_y";
        return partition.StartsWith(prefix, StringComparison.Ordinal) && partition.Length == prefix.Length + 7 && partition[prefix.Length + 4] == 'm'
            && int.TryParse(partition.AsSpan(prefix.Length, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(partition.AsSpan(prefix.Length + 5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && month is >= 1 and <= 12
                ? new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero)
                : null;
    }

    /// <summary>Detaches a monthly partition and drops it: its rows go at once, without a delete of each.</summary>
    public string DropMonthSql(string partition) => string.Join(";\n",
        $"ALTER TABLE {Qualified(Name)} DETACH PARTITION {Qualified(partition)}",
        $"DROP TABLE {Qualified(partition)}");

    public string MonthName(DateTimeOffset monthStart) => $"{Name}_y{monthStart:yyyy}m{monthStart:MM}";

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
