using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RbacKit.Domain;

namespace RbacKit.EntityFramework.Tests;

/// <summary>
/// The two database error recognizers: which failures are a taken value, an outage (503), a busy database (503, nothing
/// to reset) or something else (500), first on the providers' own exception types, then on failures a real database raises.
/// </summary>
public sealed class DatabaseErrorsTests
{
    public static TheoryData<string, Exception, DatabaseErrorKind> Postgres => new()
    {
        { "PostgreSQL refused the connection", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)), DatabaseErrorKind.Unreachable },
        { "the connection broke mid-query", new NpgsqlException("Exception while reading from stream", new IOException("reset")), DatabaseErrorKind.Unreachable },
        { "PostgreSQL is starting up", new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03"), DatabaseErrorKind.Unreachable },
        { "wrapped by EF Core", new DbUpdateException("save failed", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))), DatabaseErrorKind.Unreachable },
        { "the pool is exhausted", new NpgsqlException("The connection pool has been exhausted", new TimeoutException()), DatabaseErrorKind.Busy },
        { "a command timed out", new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt")), DatabaseErrorKind.Busy },
        { "too many connections", new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300"), DatabaseErrorKind.Busy },
        { "a serialization failure", new PostgresException("could not serialize access", "ERROR", "ERROR", "40001"), DatabaseErrorKind.Busy },
        { "a deadlock", new PostgresException("deadlock detected", "ERROR", "ERROR", "40P01"), DatabaseErrorKind.Busy },
        { "a unique violation", new DbUpdateException("save failed", new PostgresException("duplicate key", "ERROR", "ERROR", "23505")), DatabaseErrorKind.UniqueViolation },
        { "a foreign-key violation", new PostgresException("violates foreign key", "ERROR", "ERROR", "23503"), DatabaseErrorKind.Other },
        { "a syntax error", new PostgresException("syntax error", "ERROR", "ERROR", "42601"), DatabaseErrorKind.Other },
        { "a SQLite failure is not PostgreSQL's", new SqliteException("database is locked", 5), DatabaseErrorKind.Other },
        { "a bug", new InvalidOperationException("bug"), DatabaseErrorKind.Other },
        { "a wrapped bug", new DbUpdateException("save failed", new InvalidOperationException("bug")), DatabaseErrorKind.Other },
    };

    public static TheoryData<string, Exception, DatabaseErrorKind> Sqlite => new()
    {
        { "the SQLite file cannot be opened", new SqliteException("unable to open database file", 14), DatabaseErrorKind.Unreachable },
        { "the SQLite file cannot be read", new SqliteException("disk I/O error", 10), DatabaseErrorKind.Unreachable },
        { "the SQLite file is locked", new SqliteException("database is locked", 5), DatabaseErrorKind.Busy },
        { "a table is locked", new SqliteException("database table is locked", 6), DatabaseErrorKind.Busy },
        { "a unique violation", new DbUpdateException("save failed", new SqliteException("UNIQUE constraint failed", 19, 2067)), DatabaseErrorKind.UniqueViolation },
        { "a primary-key violation", new SqliteException("UNIQUE constraint failed", 19, 1555), DatabaseErrorKind.UniqueViolation },
        { "a foreign-key violation", new SqliteException("FOREIGN KEY constraint failed", 19, 787), DatabaseErrorKind.Other },
        { "a read-only SQLite file (a misconfiguration, retrying does not help)", new SqliteException("attempt to write a readonly database", 8), DatabaseErrorKind.Other },
        { "SQLite permission denied", new SqliteException("access permission denied", 3), DatabaseErrorKind.Other },
        { "a PostgreSQL failure is not SQLite's", new PostgresException("duplicate key", "ERROR", "ERROR", "23505"), DatabaseErrorKind.Other },
        { "a bug", new InvalidOperationException("bug"), DatabaseErrorKind.Other },
    };

    [Theory]
    [MemberData(nameof(Postgres))]
    public void PostgreSQL_failures_are_recognized(string because, Exception exception, DatabaseErrorKind expected) =>
        Assert.True(DatabaseErrors.PostgreSql.Classify(exception) == expected, because);

    [Theory]
    [MemberData(nameof(Sqlite))]
    public void SQLite_failures_are_recognized(string because, Exception exception, DatabaseErrorKind expected) =>
        Assert.True(DatabaseErrors.Sqlite.Classify(exception) == expected, because);

    [Fact]
    public void Log_labels_carry_the_code_and_never_the_message()
    {
        Assert.Equal("SQLSTATE 53300", DatabaseErrors.PostgreSql.Describe(new DbUpdateException("x", new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300"))));
        Assert.Equal("SocketException", DatabaseErrors.PostgreSql.Describe(new NpgsqlException("Failed to connect to 10.0.0.1 Password=x", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.Equal("SQLite error 14 (14)", DatabaseErrors.Sqlite.Describe(new SqliteException("unable to open database file /secret/path", 14)));
        Assert.Equal("InvalidOperationException", DatabaseErrors.Sqlite.Describe(new DbUpdateException("x", new InvalidOperationException("Password=x"))));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.Postgres)]
    public async Task A_real_duplicate_insert_is_a_unique_violation_of_the_contexts_provider(Provider provider)
    {
        var options = new DbContextOptionsBuilder<TestDbContext>();
        TestDatabases.Configure(options, provider, await TestDatabases.GetAsync(provider, "dberrors"));
        await using var context = new TestDbContext(options.Options);
        var errors = DatabaseErrors.For(context);
        Assert.Same(provider == Provider.Postgres ? DatabaseErrors.PostgreSql : DatabaseErrors.Sqlite, errors);

        var name = $"dup-{Guid.CreateVersion7():N}";
        context.Add(new PermissionDefinition { Name = name, Description = "first" });
        await context.SaveChangesAsync();
        context.ChangeTracker.Clear();
        context.Add(new PermissionDefinition { Name = name, Description = "second" });
        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => context.SaveChangesAsync());
        Assert.Equal(DatabaseErrorKind.UniqueViolation, errors.Classify(failure));
    }

    [Fact]
    public async Task A_PostgreSQL_server_that_is_not_there_is_unreachable()
    {
        using var probe = new TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop(); // nothing listens there now
        var options = new DbContextOptionsBuilder<TestDbContext>()
            .UseNpgsql($"Host=127.0.0.1;Port={port};Username=nobody;Password=secret-never-logged;Database=none;Timeout=3").Options;
        await using var context = new TestDbContext(options);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => context.Set<PermissionDefinition>().AnyAsync());
        Assert.Equal(DatabaseErrorKind.Unreachable, DatabaseErrors.For(context).Classify(failure));
        Assert.DoesNotContain("secret-never-logged", DatabaseErrors.PostgreSql.Describe(failure), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_SQLite_file_that_cannot_be_opened_is_unreachable()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"rbackit-missing-{Guid.CreateVersion7():N}", "gone.db");
        var options = new DbContextOptionsBuilder<TestDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = missing, Mode = SqliteOpenMode.ReadWrite }.ToString()).Options;
        await using var context = new TestDbContext(options);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => context.Set<PermissionDefinition>().AnyAsync());
        Assert.Equal(DatabaseErrorKind.Unreachable, DatabaseErrors.For(context).Classify(failure));
    }
}
