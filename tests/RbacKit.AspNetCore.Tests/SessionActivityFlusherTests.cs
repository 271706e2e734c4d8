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
    private readonly ServiceProvider _services;
    private readonly SessionActivityTracker _tracker;
    private readonly SessionActivityFlusher _flusher;

    public SessionActivityFlusherTests()
    {
        var options = Options.Create(new RbacKitOptions());
        _services = new ServiceCollection().AddSingleton<ISessionStore>(_store).BuildServiceProvider();
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
}
