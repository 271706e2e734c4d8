using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using RbacKit.Domain;

namespace RbacKit.EntityFramework;

/// <summary>
/// The users a search term matches: the normalized email, the first name or the last name contains it. On PostgreSQL
/// the statement is one the search indexes serve (<see cref="RbacKitModelOptions.PostgresSearchIndexes"/>): each column
/// tested on its own (<c>LIKE</c> on the upper-case email, <c>ILIKE</c> on the names) so the planner combines the three
/// trigram GIN indexes in a BitmapOr; a term shorter than three characters (which yields no trigram) matches prefixes
/// instead, which the pattern b-tree and the trigram indexes' padded start serve. SQLite keeps the plain
/// <c>upper(...) LIKE '%term%'</c> scan (small, single-instance databases).
/// </summary>
internal static class UserSearch
{
    /// <summary>The shortest term matched anywhere on PostgreSQL (a trigram); shorter terms match prefixes.</summary>
    public const int SubstringMinimum = 3;

    private static readonly ConditionalWeakTable<IModel, string> Statements = [];

    public static IQueryable<User> Matching(DbContext context, string search)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrEmpty(search);
        if (!context.IsPostgres())
        {
            var upper = search.ToUpperInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // translated to SQL upper(); parameters keep the input as data
            return context.Set<User>().AsNoTracking()
                .Where(u => u.NormalizedEmail.Contains(upper) || u.FirstName.ToUpper().Contains(upper) || u.LastName.ToUpper().Contains(upper));
#pragma warning restore CA1304, CA1311, CA1862
        }

        var escaped = Escape(search);
        var anywhere = search.Length >= SubstringMinimum ? "%" : string.Empty;
        var email = anywhere + escaped.ToUpperInvariant() + "%";
        var name = anywhere + escaped + "%";
        var sql = Statements.GetValue(context.Model, BuildStatement);
        return context.Set<User>().FromSqlRaw(sql, email, name).AsNoTracking();
    }

    /// <summary>The term as LIKE data: PostgreSQL's default escape character is the backslash.</summary>
    internal static string Escape(string term) =>
        term.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    private static string BuildStatement(IModel model)
    {
        var entity = model.FindEntityType(typeof(User)) ?? throw new InvalidOperationException("The model does not apply RbacKit's model; call modelBuilder.ApplyRbacKitModel(Database).");
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => Quote(entity.FindProperty(property)!.GetColumnName(store)!);
        var table = entity.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(entity.GetTableName()!)}" : Quote(entity.GetTableName()!);
        return $"SELECT * FROM {table} WHERE {Column(nameof(User.NormalizedEmail))} LIKE {{0}} OR {Column(nameof(User.FirstName))} ILIKE {{1}} OR {Column(nameof(User.LastName))} ILIKE {{1}}";
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
