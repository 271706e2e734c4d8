using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using RbacKit.Domain;

namespace RbacKit.EntityFramework;

/// <summary>
/// The users a search term matches: the normalized email, the first name or the last name contains it. On PostgreSQL
/// the statement is one the search indexes serve (<see cref="RbacKitModelOptions.PostgresSearchIndexes"/>): each column
/// tested on its own so the planner combines the three trigram GIN indexes in a BitmapOr; a term shorter than three
/// characters (which yields no trigram) matches prefixes instead, which the pattern b-tree and the trigram indexes'
/// padded start serve. SQLite keeps the plain <c>upper(...) LIKE '%term%'</c> scan (small, single-instance databases).
/// <para>
/// A trigram most rows share (every address's domain, a common name part) costs GIN a read of its whole posting list
/// for a term that contains it, however few rows match: at 1,000,000 users a one-match term with such trigrams cost
/// 25-45 ms against 1 ms without them. So each column's index condition is <c>LIKE '%part%'</c> where part is the
/// longest run of the term whose trigrams are each in fewer than 1 in <see cref="CommonShare"/> rows of a small sample
/// of the table (<c>TABLESAMPLE SYSTEM</c>, about <see cref="SampleRows"/> rows, refreshed every
/// <see cref="SampleLifetime"/>), and the whole term is tested by <c>strpos</c> on the rows the index returns (never
/// an index condition). The sample only decides what the index is asked; the answer is the same whatever it holds.
/// </para>
/// </summary>
internal static class UserSearch
{
    /// <summary>The shortest term matched anywhere on PostgreSQL (a trigram); shorter terms match prefixes.</summary>
    public const int SubstringMinimum = 3;

    /// <summary>A trigram found in more than one sampled row in this many is common (not asked of the index).</summary>
    internal const int CommonShare = 20;

    /// <summary>About how many rows the trigram sample reads.</summary>
    internal const int SampleRows = 1000;

    /// <summary>How long a database's sample is used before it is taken again.</summary>
    internal static readonly TimeSpan SampleLifetime = TimeSpan.FromMinutes(10);

    private const int Email = 0;
    private const int FirstName = 1;
    private const int LastName = 2;
    private const int MaxSamples = 256;

    private static readonly ConditionalWeakTable<IModel, Statements> StatementsOf = [];
    private static readonly ConcurrentDictionary<string, CommonTrigrams> Samples = new(StringComparer.Ordinal);

    public static async Task<IQueryable<User>> MatchingAsync(DbContext context, string search, TimeProvider time, CancellationToken cancellationToken)
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

        var statements = StatementsOf.GetValue(context.Model, Build);
        if (search.Length < SubstringMinimum)
        {
            var escaped = Escape(search);
            return context.Set<User>().FromSqlRaw(statements.Prefix, escaped.ToUpperInvariant() + "%", escaped + "%").AsNoTracking();
        }

        var common = await CommonAsync(context, statements, time, cancellationToken).ConfigureAwait(false);
        return context.Set<User>().FromSqlRaw(
            statements.Substring,
            Pattern(search, common.Columns[Email]).ToUpperInvariant(),
            search.ToUpperInvariant(),
            Pattern(search, common.Columns[FirstName]),
            Pattern(search, common.Columns[LastName]),
            search).AsNoTracking();
    }

    /// <summary>The term as LIKE data: PostgreSQL's default escape character is the backslash.</summary>
    internal static string Escape(string term) =>
        term.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

    /// <summary>
    /// <c>%part%</c> for the index: the longest run of <paramref name="term"/> (within a word, as pg_trgm splits words)
    /// none of whose trigrams is in <paramref name="common"/>; the whole term when every run has a common trigram.
    /// </summary>
    internal static string Pattern(string term, IReadOnlySet<string> common)
    {
        var best = term;
        var bestTrigrams = 0;
        var start = 0;
        while (start < term.Length)
        {
            while (start < term.Length && !char.IsLetterOrDigit(term[start]))
            {
                start++;
            }

            var end = start;
            while (end < term.Length && char.IsLetterOrDigit(term[end]))
            {
                end++;
            }

            // Within the word [start, end): runs of consecutive rare trigrams.
            var run = start;
            for (var i = start; i + 3 <= end; i++)
            {
                if (common.Contains(term.Substring(i, 3).ToLowerInvariant()))
                {
                    run = i + 1;
                    continue;
                }

                var trigrams = i - run + 1;
                if (trigrams > bestTrigrams)
                {
                    (best, bestTrigrams) = (term[run..(i + 3)], trigrams);
                }
            }

            start = end;
        }

        return "%" + Escape(bestTrigrams > 0 ? best : term) + "%";
    }

    private static async Task<CommonTrigrams> CommonAsync(DbContext context, Statements statements, TimeProvider time, CancellationToken cancellationToken)
    {
        var key = context.Database.GetConnectionString() ?? string.Empty;
        var now = time.GetUtcNow();
        if (Samples.TryGetValue(key, out var known) && now - known.TakenAt < SampleLifetime)
        {
            return known;
        }

        var columns = new[] { new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal) };
        try
        {
            foreach (var row in await context.Database.SqlQueryRaw<string>(statements.Sample).ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                // "column:trigram"
                if (row.Length > 2 && row[1] == ':' && row[0] - '0' is >= Email and <= LastName and var column)
                {
                    columns[column].Add(row[2..]);
                }
            }
        }
        catch (DbException)
        {
            // No pg_trgm (search indexes off): the index is not asked anyway, and the whole term is matched.
        }

        var sample = new CommonTrigrams(columns, now);
        if (Samples.Count >= MaxSamples)
        {
            Samples.Clear();
        }

        Samples[key] = sample;
        return sample;
    }

    private static Statements Build(IModel model)
    {
        var entity = model.FindEntityType(typeof(User)) ?? throw new InvalidOperationException("The model does not apply RbacKit's model; call modelBuilder.ApplyRbacKitModel(Database).");
        var store = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => Quote(entity.FindProperty(property)!.GetColumnName(store)!);
        var table = entity.GetSchema() is { } schema ? $"{Quote(schema)}.{Quote(entity.GetTableName()!)}" : Quote(entity.GetTableName()!);
        var regclass = table.Replace("'", "''", StringComparison.Ordinal);
        var (email, first, last) = (Column(nameof(User.NormalizedEmail)), Column(nameof(User.FirstName)), Column(nameof(User.LastName)));
        return new Statements(
            Prefix: $"SELECT * FROM {table} WHERE {email} LIKE {{0}} OR {first} ILIKE {{1}} OR {last} ILIKE {{1}}",
            Substring: $"SELECT * FROM {table} WHERE ({email} LIKE {{0}} AND strpos({email}, {{1}}) > 0)"
                + $" OR ({first} ILIKE {{2}} AND strpos(lower({first}), lower({{4}})) > 0)"
                + $" OR ({last} ILIKE {{3}} AND strpos(lower({last}), lower({{4}})) > 0)",
            // Trigrams in more than 1 in CommonShare of about SampleRows rows read from random pages (a few dozen
            // pages whatever the table's size); none while the sample holds too few rows to say.
            Sample: $"""
                WITH s AS (
                  SELECT {email} AS e, {first} AS f, {last} AS l FROM {table}
                  TABLESAMPLE SYSTEM (least(100, greatest(0.001, {SampleRows} * 100.0 / greatest(1, (SELECT reltuples FROM pg_class WHERE oid = to_regclass('{regclass}'))))))
                  LIMIT {SampleRows * 2}),
                n AS (SELECT count(*) AS rows FROM s)
                SELECT k || ':' || t AS "Value"
                FROM (SELECT 0 AS k, unnest(show_trgm(e)) AS t FROM s
                      UNION ALL SELECT 1, unnest(show_trgm(f)) FROM s
                      UNION ALL SELECT 2, unnest(show_trgm(l)) FROM s) AS x
                GROUP BY k, t
                HAVING count(*) * {CommonShare} > (SELECT rows FROM n) AND (SELECT rows FROM n) >= {CommonShare * 5}
                """);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Statements(string Prefix, string Substring, string Sample);

    private sealed record CommonTrigrams(HashSet<string>[] Columns, DateTimeOffset TakenAt);
}
