using Npgsql;

namespace CinemaAuthHost.Hosting;

/// <summary>
/// Serializes start-up preparation (migrations, partitions, seeding) between instances that start together on one
/// PostgreSQL database: a session advisory lock, held on a connection of its own until preparation ends. EF Core's
/// migrator alone lets two instances apply the same migration at once ("column already exists"). SQLite serves one
/// instance, so there it is a no-op.
/// </summary>
internal sealed class StartupLock : IAsyncDisposable
{
    /// <summary>The advisory lock key ("CinemaUp" in ASCII).</summary>
    private const long Key = 0x4369_6E65_6D61_5570;

    private readonly NpgsqlConnection? _connection;

    private StartupLock(NpgsqlConnection? connection) => _connection = connection;

    public static async Task<StartupLock> AcquireAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (!CinemaStorage.UsesPostgres(configuration))
        {
            return new StartupLock(null);
        }

        var connectionString = configuration.GetConnectionString("Postgres")!;
        await EnsureDatabaseAsync(connectionString, cancellationToken);
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new StartupLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Creates the database when it does not exist yet, as EF Core's migrator would (the lock needs a database to be taken
    /// in); an instance that loses the race to create it meets "already exists" and goes on.
    /// </summary>
    private static async Task EnsureDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(target.Database))
        {
            return;
        }

        try
        {
            await using var probe = new NpgsqlConnection(connectionString);
            await probe.OpenAsync(cancellationToken);
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // Not there yet.
        }

        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another instance created it a moment ago.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is null)
        {
            return;
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            // Closing the session releases the lock in any case.
            await _connection.DisposeAsync();
        }
    }
}
