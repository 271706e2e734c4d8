using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RbacKit.Testing;

namespace RbacKit.AspNetCore.Tests;

/// <summary>
/// The database of a test host: a private shared-cache SQLite database in memory (kept alive by one open connection),
/// or a PostgreSQL database of its own on the server that ./test.sh starts. Several hosts may share one.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly SqliteConnection? _keepAlive;

    private TestDatabase(string connectionString, bool postgres)
    {
        ConnectionString = connectionString;
        IsPostgres = postgres;
        if (!postgres)
        {
            _keepAlive = new SqliteConnection(connectionString);
            _keepAlive.Open();
        }
    }

    public string ConnectionString { get; }

    public bool IsPostgres { get; }

    public static TestDatabase Sqlite() =>
        new($"Data Source=rbackit-{Guid.NewGuid():N};Mode=Memory;Cache=Shared;Default Timeout=30", postgres: false);

    public static TestDatabase Postgres() =>
        new(TestServers.PostgresDatabase($"rbackit_web_{Guid.NewGuid():N}"), postgres: true);

    public void Configure(DbContextOptionsBuilder options)
    {
        if (IsPostgres)
        {
            options.UseNpgsql(ConnectionString);
        }
        else
        {
            options.UseSqlite(ConnectionString);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (IsPostgres)
        {
            var options = new DbContextOptionsBuilder<TestDbContext>();
            Configure(options);
            await using var context = new TestDbContext(options.Options);
            await context.Database.EnsureDeletedAsync();
        }

        if (_keepAlive is not null)
        {
            await _keepAlive.DisposeAsync();
        }
    }
}
