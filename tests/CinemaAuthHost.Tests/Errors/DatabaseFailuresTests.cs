using System.Net.Sockets;
using CinemaAuthHost.Errors;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CinemaAuthHost.Tests.Errors;

/// <summary>Which failures mean "the database cannot be reached" (503) and which stay 500.</summary>
public sealed class DatabaseFailuresTests
{
    public static TheoryData<string, Exception> Unavailable => new()
    {
        { "PostgreSQL refused the connection", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)) },
        { "the connection broke mid-query", new NpgsqlException("Exception while reading from stream", new IOException("reset")) },
        { "PostgreSQL is starting up", new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03") },
        { "wrapped by EF Core", new DbUpdateException("save failed", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))) },
        { "the SQLite file cannot be opened", new SqliteException("unable to open database file", 14) },
        { "the SQLite file cannot be read", new SqliteException("disk I/O error", 10) },
        { "the SQLite file is locked", new SqliteException("database is locked", 5) },
    };

    public static TheoryData<string, Exception> Other => new()
    {
        { "a unique violation", new PostgresException("duplicate key", "ERROR", "ERROR", "23505") },
        { "a syntax error", new PostgresException("syntax error", "ERROR", "ERROR", "42601") },
        { "a SQLite constraint", new SqliteException("UNIQUE constraint failed", 19) },
        { "a bug", new InvalidOperationException("bug") },
        { "a wrapped bug", new DbUpdateException("save failed", new InvalidOperationException("bug")) },
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void Unreachable_database_failures_are_unavailable(string because, Exception exception) =>
        Assert.True(DatabaseFailures.IsUnavailable(exception), because);

    [Theory]
    [MemberData(nameof(Other))]
    public void Other_failures_are_not(string because, Exception exception) =>
        Assert.False(DatabaseFailures.IsUnavailable(exception), because);
}
