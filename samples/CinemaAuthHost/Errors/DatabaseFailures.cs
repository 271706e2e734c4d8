using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CinemaAuthHost.Errors;

/// <summary>What a database failure means for the request that met it.</summary>
internal enum DatabaseFailure
{
    /// <summary>Not a database availability problem: a bug, a constraint, a misconfiguration (500 unless handled).</summary>
    None,

    /// <summary>The server cannot be reached or the connection broke: an outage (503, pooled connections are suspect).</summary>
    Unreachable,

    /// <summary>The server is there but cannot serve this now (pool exhausted, timeout, too many connections, lock or serialization conflict): 503, nothing to reset.</summary>
    Busy,
}

/// <summary>Tells "the database cannot serve this right now" apart from every other failure, through EF Core's wrappers.</summary>
internal static class DatabaseFailures
{
    // SQLITE_IOERR, SQLITE_CANTOPEN: the file is gone or unreadable. SQLITE_PERM (3) and SQLITE_READONLY (8) are
    // misconfigurations that retrying does not cure, so they stay 500.
    private static readonly HashSet<int> SqliteUnreachable = [10, 14];

    // SQLITE_BUSY, SQLITE_LOCKED.
    private static readonly HashSet<int> SqliteBusy = [5, 6];

    public static DatabaseFailure Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return Classify(postgres.SqlState);
                case NpgsqlException { InnerException: SocketException or IOException }:
                    return DatabaseFailure.Unreachable;
                case NpgsqlException { InnerException: TimeoutException }:
                    // The pool was exhausted or a command timed out: the server is slow or saturated, not gone.
                    return DatabaseFailure.Busy;
                case NpgsqlException { IsTransient: true }:
                    return DatabaseFailure.Busy;
                case SqliteException sqlite when SqliteUnreachable.Contains(sqlite.SqliteErrorCode):
                    return DatabaseFailure.Unreachable;
                case SqliteException sqlite when SqliteBusy.Contains(sqlite.SqliteErrorCode):
                    return DatabaseFailure.Busy;
            }
        }

        return DatabaseFailure.None;
    }

    /// <summary>A stable, secret-free label of the failure for logs: the SQLSTATE, the SQLite code or the exception type.</summary>
    public static string Describe(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return "SQLSTATE " + postgres.SqlState;
                case SqliteException sqlite:
                    return "SQLite error " + sqlite.SqliteErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
                case NpgsqlException { InnerException: { } inner }:
                    return inner.GetType().Name;
            }
        }

        return exception.GetBaseException().GetType().Name;
    }

    private static DatabaseFailure Classify(string sqlState) => sqlState switch
    {
        // connection_exception class; admin_shutdown, crash_shutdown, cannot_connect_now.
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => DatabaseFailure.Unreachable,
        "57P01" or "57P02" or "57P03" => DatabaseFailure.Unreachable,
        // insufficient_resources class (too many connections, disk full, out of memory); serialization failure,
        // deadlock, lock not available, statement or lock timeout (query_canceled).
        _ when sqlState.StartsWith("53", StringComparison.Ordinal) => DatabaseFailure.Busy,
        "40001" or "40P01" or "55P03" or "57014" => DatabaseFailure.Busy,
        _ => DatabaseFailure.None,
    };
}
