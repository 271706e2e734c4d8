namespace CinemaAuthHost.Tests;

/// <summary>
/// Two host instances sharing one PostgreSQL database and Redis, as behind a load balancer. What one instance changes is
/// checked on the other by bounded polling (<see cref="Propagation"/> only bounds a slow machine).
/// </summary>
public abstract class PostgresInstancePair : IAsyncLifetime
{
    protected static readonly TimeSpan Propagation = TimeSpan.FromSeconds(5);

    private readonly PostgresStorage _storage = new();

    protected CinemaHost A { get; private set; } = null!;

    protected CinemaHost B { get; private set; } = null!;

    /// <summary>Settings both instances start with.</summary>
    protected virtual (string Key, string Value)[] Settings => [];

    public async Task InitializeAsync()
    {
        A = await CinemaHost.StartAsync(_storage, Settings);
        B = await CinemaHost.StartAsync(_storage, Settings);
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync();
        await A.DisposeAsync();
        await _storage.DisposeAsync();
    }
}
