using System.Data.Common;
using System.Net.Sockets;

namespace RbacKit.EntityFramework;

/// <summary>
/// PostgreSQL through Npgsql, read through <see cref="DbException.SqlState"/> and <see cref="DbException.IsTransient"/>
/// (which <c>PostgresException</c> and <c>NpgsqlException</c> implement), so this package needs no reference to Npgsql.
/// </summary>
internal sealed class PostgresDatabaseErrors : IDatabaseErrors
{
    public DatabaseErrorKind Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        foreach (var current in DatabaseErrors.Chain(exception))
        {
            if (current is not DbException db)
            {
                continue;
            }

            if (db.SqlState is { Length: 5 } state)
            {
                return Classify(state);
            }

            // NpgsqlException without a server answer: the socket broke, or the pool or a command timed out.
            return db.InnerException switch
            {
                SocketException or IOException => DatabaseErrorKind.Unreachable,
                TimeoutException => DatabaseErrorKind.Busy,
                _ when db.IsTransient => DatabaseErrorKind.Busy,
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
            if (current is DbException db)
            {
                return db.SqlState is { Length: 5 } state ? "SQLSTATE " + state : (db.InnerException ?? db).GetType().Name;
            }
        }

        return exception.GetBaseException().GetType().Name;
    }

    private static DatabaseErrorKind Classify(string sqlState) => sqlState switch
    {
        "23505" => DatabaseErrorKind.UniqueViolation,
        // connection_exception class; admin_shutdown, crash_shutdown, cannot_connect_now.
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => DatabaseErrorKind.Unreachable,
        "57P01" or "57P02" or "57P03" => DatabaseErrorKind.Unreachable,
        // insufficient_resources class (too many connections, disk full, out of memory); serialization failure,
        // deadlock, lock not available, statement or lock timeout (query_canceled).
        _ when sqlState.StartsWith("53", StringComparison.Ordinal) => DatabaseErrorKind.Busy,
        "40001" or "40P01" or "55P03" or "57014" => DatabaseErrorKind.Busy,
        _ => DatabaseErrorKind.Other,
    };
}
