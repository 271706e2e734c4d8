using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RbacKit.Domain;
using RbacKit.Stores;
using RbacKit.Testing;

namespace RbacKit.AspNetCore.Tests;

public sealed class SessionActivityFlusherTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryStore _store = new();
    private readonly FailingTouches _failing;
    private readonly ServiceProvider _services;
    private readonly SessionActivityTracker _tracker;
    private readonly SessionActivityFlusher _flusher;

    public SessionActivityFlusherTests()
    {
        var options = Options.Create(new RbacKitOptions());
        _failing = new FailingTouches(_store);
        _services = new ServiceCollection().AddSingleton<ISessionStore>(_failing).BuildServiceProvider();
        _tracker = new SessionActivityTracker(options, _time);
        _flusher = new SessionActivityFlusher(_tracker, _services.GetRequiredService<IServiceScopeFactory>(), options, _time, NullLogger<SessionActivityFlusher>.Instance);
    }

    [Fact]
    public async Task Sightings_not_yet_written_are_written_when_the_host_stops()
    {
        var session = await CreateSessionAsync();
        await _flusher.StartAsync(default);
        _tracker.Seen(session.Id, Start - TimeSpan.FromMinutes(5)); // time does not move: the periodic round never comes
        Assert.Equal(0, _store.Touches);

        await _flusher.StopAsync(default);

        Assert.Equal(1, _store.Touches);
        Assert.Equal(Start, (await _store.FindAsync(session.Id, default))!.LastSeenAt);
    }

    [Fact]
    public async Task Sightings_are_written_every_interval()
    {
        var session = await CreateSessionAsync();
        await _flusher.StartAsync(default);
        _tracker.Seen(session.Id, Start - TimeSpan.FromMinutes(5));

        // The loop starts in the background: move the clock a round at a time until it has written.
        await Http.EventuallyAsync(() =>
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            return Task.FromResult(_store.Touches == 1);
        }, TimeSpan.FromSeconds(10), "the periodic write");
        Assert.Equal(Start, (await _store.FindAsync(session.Id, default))!.LastSeenAt);
        await _flusher.StopAsync(default);
        Assert.Equal(1, _store.Touches);
    }

    [Fact]
    public async Task A_failed_write_is_kept_for_the_next_round()
    {
        var session = await CreateSessionAsync();
        _tracker.Seen(session.Id, Start - TimeSpan.FromMinutes(5));
        _failing.Fail = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => _flusher.FlushAsync(default));
        Assert.Equal(Start - TimeSpan.FromHours(1), (await _store.FindAsync(session.Id, default))!.LastSeenAt);

        _failing.Fail = false;
        Assert.Equal(1, await _flusher.FlushAsync(default));
        Assert.Equal(Start, (await _store.FindAsync(session.Id, default))!.LastSeenAt);
        Assert.Equal(0, await _flusher.FlushAsync(default));
    }

    public async ValueTask DisposeAsync()
    {
        _flusher.Dispose();
        await _services.DisposeAsync();
    }

    private async Task<Session> CreateSessionAsync()
    {
        var session = new Session { Id = Guid.CreateVersion7(), UserId = Guid.CreateVersion7(), CreatedAt = Start - TimeSpan.FromHours(1), LastSeenAt = Start - TimeSpan.FromHours(1), ExpiresAt = Start + TimeSpan.FromDays(1) };
        await _store.CreateAsync(session, new RefreshToken { TokenHash = new byte[32], SessionId = session.Id, CreatedAt = session.CreatedAt, ExpiresAt = session.ExpiresAt }, default);
        return session;
    }

    /// <summary>The in-memory store whose <see cref="ISessionStore.TouchAsync"/> fails on demand (a database outage).</summary>
    private sealed class FailingTouches(InMemoryStore inner) : ISessionStore
    {
        public bool Fail { get; set; }

        public Task<int> TouchAsync(IReadOnlyCollection<SessionSighting> sightings, CancellationToken cancellationToken) =>
            Fail ? throw new InvalidOperationException("The database is unreachable.") : inner.TouchAsync(sightings, cancellationToken);

        public Task CreateAsync(Session session, RefreshToken firstToken, CancellationToken cancellationToken) => inner.CreateAsync(session, firstToken, cancellationToken);

        public Task<Session?> FindAsync(Guid sessionId, CancellationToken cancellationToken) => inner.FindAsync(sessionId, cancellationToken);

        public Task<IReadOnlyList<Session>> ListActiveAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken) => inner.ListActiveAsync(userId, now, cancellationToken);

        public Task<RefreshToken?> FindRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken) => inner.FindRefreshTokenAsync(tokenHash, cancellationToken);

        public Task<bool> TryRotateAsync(byte[] presentedHash, RefreshToken nextToken, DateTimeOffset now, CancellationToken cancellationToken) => inner.TryRotateAsync(presentedHash, nextToken, now, cancellationToken);

        public Task<bool> RevokeAsync(Guid sessionId, string reason, DateTimeOffset now, CancellationToken cancellationToken) => inner.RevokeAsync(sessionId, reason, now, cancellationToken);

        public Task<IReadOnlyList<Guid>> RevokeAllAsync(Guid userId, Guid? exceptSessionId, string reason, DateTimeOffset now, CancellationToken cancellationToken) => inner.RevokeAllAsync(userId, exceptSessionId, reason, now, cancellationToken);
    }
}
