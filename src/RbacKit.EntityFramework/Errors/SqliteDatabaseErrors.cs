using System.Data.Common;
using System.Globalization;

namespace RbacKit.EntityFramework;

/// <summary>
/// SQLite through Microsoft.Data.Sqlite, read from <c>SqliteException.SqliteErrorCode</c> and
/// <c>SqliteExtendedErrorCode</c>. Microsoft.Data.Sqlite leaves <c>DbException.ErrorCode</c> unset, and this package
/// does not reference it, so the two properties are read by name (only on a failure path).
/// </summary>
internal sealed class SqliteDatabaseErrors : IDatabaseErrors
{
    private const int Busy = 5, Locked = 6, IoError = 10, CantOpen = 14, Constraint = 19;
    private const int ConstraintPrimaryKey = 1555, ConstraintUnique = 2067;

    public DatabaseErrorKind Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        foreach (var current in DatabaseErrors.Chain(exception))
        {
            if (Codes(current) is not var (code, extended))
            {
                continue;
            }

            return code switch
            {
                Constraint when extended is ConstraintUnique or ConstraintPrimaryKey => DatabaseErrorKind.UniqueViolation,
                // The file is gone or unreadable. SQLITE_PERM and SQLITE_READONLY are misconfigurations: Other.
                IoError or CantOpen => DatabaseErrorKind.Unreachable,
                Busy or Locked => DatabaseErrorKind.Busy,
                _ => DatabaseErrorKind.Other,
            };
        }

        return DatabaseErrorKind.Other;
    }

    public string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        foreach (var current in DatabaseErrors.Chain(exception))
        {
            if (Codes(current) is var (code, extended))
            {
                return string.Create(CultureInfo.InvariantCulture, $"SQLite error {code} ({extended})");
            }
        }

        return exception.GetBaseException().GetType().Name;
    }

    private static (int Code, int Extended)? Codes(Exception exception)
    {
        if (exception is not DbException db)
        {
            return null;
        }

        var type = db.GetType();
        return type.GetProperty("SqliteErrorCode")?.GetValue(db) is int code
            ? (code, type.GetProperty("SqliteExtendedErrorCode")?.GetValue(db) as int? ?? code)
            : null;
    }
}
