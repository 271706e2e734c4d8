using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace RbacKit.EntityFramework;

/// <summary>Recognizes constraint violations without referencing a provider package.</summary>
internal static class DbErrors
{
    private const string PostgresUniqueViolation = "23505";

    public static bool IsUniqueViolation(Exception exception)
    {
        var db = exception as DbException ?? (exception as DbUpdateException)?.InnerException as DbException;
        return db switch
        {
            null => false,
            { SqlState: PostgresUniqueViolation } => true,
            // SQLite reports unique and primary-key violations alike (error 19, extended 2067/1555).
            _ => db.GetType().Name == "SqliteException" && db.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal),
        };
    }

    public static bool IsPostgres(this DbContext context) =>
        context.Database.ProviderName?.Contains("Npgsql", StringComparison.OrdinalIgnoreCase) == true;
}
