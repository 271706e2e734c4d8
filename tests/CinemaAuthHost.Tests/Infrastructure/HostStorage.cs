using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Npgsql;
using RbacKit.Testing;

namespace CinemaAuthHost.Tests;

/// <summary>
/// Where a host keeps its data, as configuration keys: a fresh SQLite data directory, or a fresh PostgreSQL database plus
/// the shared Redis of ./test.sh. Disposing removes the directory or drops the database.
/// </summary>
public abstract class HostStorage : IAsyncDisposable
{
    /// <summary>The configuration keys that select this storage (<c>Section:Key</c> form).</summary>
    public abstract IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>The same settings as environment variables (<c>Section__Key</c>), for the CLI, which reads its configuration from the environment.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables =>
        Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value, StringComparer.Ordinal);

    public abstract ValueTask DisposeAsync();

    protected static string NewDirectory(string prefix)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.CreateVersion7():N}");
        Directory.CreateDirectory(directory);
        return directory;
    }

    protected static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the OS temp cleanup; the next run uses a new directory.
        }
    }
}

/// <summary>The embedded path: SQLite in a temp data directory, in-process caches, Data Protection keys next to the database.</summary>
public sealed class SqliteStorage : HostStorage
{
    private readonly string _directory = NewDirectory("cinema-e2e-sqlite");

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Data:Directory"] = _directory,
        // Explicitly empty, so a variable in the process environment cannot switch this host to PostgreSQL or Redis.
        ["ConnectionStrings:Postgres"] = "",
        ["ConnectionStrings:Redis"] = "",
        ["RbacKit:Tokens:KeyEncryptionKey"] = "",
    };

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        DeleteDirectory(_directory);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// The production shape: a database of its own on the PostgreSQL of ./test.sh, its Redis, and a key-encryption key that
/// every instance of the same storage shares.
/// </summary>
public sealed class PostgresStorage : HostStorage
{
    private readonly string _connectionString;
    private readonly string _database;
    private readonly string _directory = NewDirectory("cinema-e2e-postgres");
    private readonly string _keyEncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public PostgresStorage()
    {
        _database = $"cinema_e2e_{Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant()}";
        _connectionString = TestServers.PostgresDatabase(_database);
        Redis = TestServers.Redis;
    }

    public string Redis { get; }

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ConnectionStrings:Postgres"] = _connectionString,
        ["ConnectionStrings:Redis"] = Redis,
        // Both instances of a pair share it; other storages (other tests) do not, so Redis-counted rate limits stay apart.
        ["Redis:Channel"] = $"{_database}:changes",
        // A loaded CI machine can take over a second to answer; the 1 s default would then count locally from zero and
        // let a test's limit be exceeded. Falling back is tested on its own (RateLimitTests, an unreachable Redis).
        ["RateLimits:RedisTimeout"] = "00:00:30",
        ["RbacKit:Tokens:KeyEncryptionKey"] = _keyEncryptionKey,
        ["Data:Directory"] = _directory,
    };

    public override async ValueTask DisposeAsync()
    {
        await using (var pooled = new NpgsqlConnection(_connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        try
        {
            await using var connection = new NpgsqlConnection(TestServers.PostgresDatabase("postgres"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The cluster of ./test.sh is thrown away afterwards anyway.
        }

        DeleteDirectory(_directory);
    }
}
