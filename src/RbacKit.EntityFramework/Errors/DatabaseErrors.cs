using Microsoft.EntityFrameworkCore;

namespace RbacKit.EntityFramework;

/// <summary>The database error recognizers RbacKit ships, and the choice of one for a context.</summary>
public static class DatabaseErrors
{
    /// <summary>PostgreSQL (Npgsql): by SQLSTATE and by the socket failure under a broken connection.</summary>
    public static IDatabaseErrors PostgreSql { get; } = new PostgresDatabaseErrors();

    /// <summary>SQLite (Microsoft.Data.Sqlite): by the SQLite result code.</summary>
    public static IDatabaseErrors Sqlite { get; } = new SqliteDatabaseErrors();

    /// <summary>The recognizer of <paramref name="context"/>'s provider (PostgreSQL, else SQLite's, whose checks are harmless elsewhere).</summary>
    public static IDatabaseErrors For(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.IsPostgres() ? PostgreSql : Sqlite;
    }

    internal static bool IsPostgres(this DbContext context) =>
        context.Database.ProviderName?.Contains("Npgsql", StringComparison.OrdinalIgnoreCase) == true;

    internal static bool IsUniqueViolation(this DbContext context, Exception exception) =>
        For(context).Classify(exception) == DatabaseErrorKind.UniqueViolation;

    /// <summary><paramref name="exception"/> and its inner exceptions, outermost first.</summary>
    internal static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
