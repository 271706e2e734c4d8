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
    };

    public static TheoryData<string, Exception> Busy => new()
    {
        { "the pool is exhausted", new NpgsqlException("The connection pool has been exhausted", new TimeoutException()) },
        { "a command timed out", new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt")) },
        { "too many connections", new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300") },
        { "a serialization failure", new PostgresException("could not serialize access", "ERROR", "ERROR", "40001") },
        { "a deadlock", new PostgresException("deadlock detected", "ERROR", "ERROR", "40P01") },
        { "the SQLite file is locked", new SqliteException("database is locked", 5) },
    };

    public static TheoryData<string, Exception> Other => new()
    {
        { "a unique violation", new PostgresException("duplicate key", "ERROR", "ERROR", "23505") },
        { "a syntax error", new PostgresException("syntax error", "ERROR", "ERROR", "42601") },
        { "a SQLite constraint", new SqliteException("UNIQUE constraint failed", 19) },
        { "a read-only SQLite file (a misconfiguration, retrying does not help)", new SqliteException("attempt to write a readonly database", 8) },
        { "SQLite permission denied", new SqliteException("access permission denied", 3) },
        { "a bug", new InvalidOperationException("bug") },
        { "a wrapped bug", new DbUpdateException("save failed", new InvalidOperationException("bug")) },
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void Unreachable_database_failures_are_an_outage(string because, Exception exception) =>
        Assert.True(DatabaseFailures.Classify(exception) == DatabaseFailure.Unreachable, because);

    [Theory]
    [MemberData(nameof(Busy))]
    public void A_saturated_or_conflicting_database_is_busy_not_an_outage(string because, Exception exception) =>
        Assert.True(DatabaseFailures.Classify(exception) == DatabaseFailure.Busy, because);

    [Theory]
    [MemberData(nameof(Other))]
    public void Other_failures_are_neither(string because, Exception exception) =>
        Assert.True(DatabaseFailures.Classify(exception) == DatabaseFailure.None, because);

    [Fact]
    public void Log_labels_carry_the_code_and_never_the_message()
    {
        Assert.Equal("SQLSTATE 53300", DatabaseFailures.Describe(new DbUpdateException("x", new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300"))));
        Assert.Equal("SQLite error 14", DatabaseFailures.Describe(new SqliteException("unable to open database file /secret/path", 14)));
        Assert.Equal("SocketException", DatabaseFailures.Describe(new NpgsqlException("Failed to connect to 10.0.0.1 Password=x", new SocketException((int)SocketError.ConnectionRefused))));
    }
}
