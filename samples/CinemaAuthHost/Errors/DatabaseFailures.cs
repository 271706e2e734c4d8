using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CinemaAuthHost.Errors;

/// <summary>Tells "the database cannot be reached right now" apart from every other failure, through EF Core's wrappers.</summary>
internal static class DatabaseFailures
{
    // SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN
    private static readonly HashSet<int> SqliteUnavailable = [3, 5, 6, 8, 10, 14];

    public static bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case NpgsqlException npgsql when npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException:
                    return true;
                case SqliteException sqlite when SqliteUnavailable.Contains(sqlite.SqliteErrorCode):
                    return true;
            }
        }

        return false;
    }
}
