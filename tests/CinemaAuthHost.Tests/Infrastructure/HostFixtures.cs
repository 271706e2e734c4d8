namespace CinemaAuthHost.Tests;

/// <summary>One host on fresh storage for the tests of one class: each test class gets its own database.</summary>
public abstract class HostFixture : IAsyncLifetime
{
    private HostStorage? _storage;
    private CinemaHost? _host;

    /// <summary>The configuration under test, for messages and names.</summary>
    public abstract string Provider { get; }

    public HostStorage Storage => _storage ?? throw new InvalidOperationException("The fixture is not initialized.");

    public CinemaHost Host => _host ?? throw new InvalidOperationException("The fixture is not initialized.");

    public abstract HostStorage CreateStorage();

    public async Task InitializeAsync()
    {
        _storage = CreateStorage();
        _host = await CinemaHost.StartAsync(_storage);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
    }
}

/// <summary>SQLite in a temp data directory, in-process caches.</summary>
public sealed class SqliteHostFixture : HostFixture
{
    public override string Provider => "SQLite";

    public override HostStorage CreateStorage() => new SqliteStorage();
}

/// <summary>A fresh PostgreSQL database and the Redis of ./test.sh.</summary>
public sealed class PostgresHostFixture : HostFixture
{
    public override string Provider => "PostgreSQL + Redis";

    public override HostStorage CreateStorage() => new PostgresStorage();
}
