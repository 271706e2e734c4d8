using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace RbacKit.EntityFramework;

/// <summary>Recognizes constraint violations without referencing a provider package.</summary>
internal static class DbErrors
{
    private const string PostgresUniqueViolation = "23505";
    private const int SqliteConstraint = 19;

    public static bool IsUniqueViolation(Exception exception)
    {
        var db = exception as DbException ?? (exception as DbUpdateException)?.InnerException as DbException;
        return db switch
        {
            null => false,
            { SqlState: PostgresUniqueViolation } => true,
            _ => db.ErrorCode == SqliteConstraint && (db.Message.Contains("UNIQUE", StringComparison.Ordinal) || db.Message.Contains("PRIMARY KEY", StringComparison.Ordinal)),
        };
    }

    public static bool IsPostgres(this DbContext context) =>
        context.Database.ProviderName?.Contains("Npgsql", StringComparison.OrdinalIgnoreCase) == true;
}
