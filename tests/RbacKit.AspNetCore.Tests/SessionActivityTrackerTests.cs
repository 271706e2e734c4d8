using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RbacKit.Stores;

namespace RbacKit.AspNetCore.Tests;

public sealed class SessionActivityTrackerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    private readonly SessionActivityTracker _tracker;

    public SessionActivityTrackerTests()
    {
        var options = new RbacKitOptions();
        options.Sessions.LastSeenWriteInterval = Interval;
        _tracker = new SessionActivityTracker(Options.Create(options), _time);
    }

    [Fact]
    public void A_session_is_noted_at_most_once_per_interval()
    {
        var session = Guid.CreateVersion7();
        var issued = _time.GetUtcNow();
        _tracker.Seen(session, issued);
        Assert.Empty(_tracker.Drain()); // the login or refresh that issued the token set the time

        _time.Advance(TimeSpan.FromSeconds(61));
        var first = _time.GetUtcNow();
        _tracker.Seen(session, issued);
        _time.Advance(TimeSpan.FromSeconds(30));
        _tracker.Seen(session, issued);
        Assert.Equal([new SessionSighting(session, first)], _tracker.Drain());

        _time.Advance(TimeSpan.FromSeconds(29));
        _tracker.Seen(session, issued);
        Assert.Empty(_tracker.Drain());
        Assert.Empty(_tracker.Drain());

        _time.Advance(TimeSpan.FromSeconds(1));
        _tracker.Seen(session, issued);
        Assert.Equal([new SessionSighting(session, first + Interval)], _tracker.Drain());
    }

    [Fact]
    public void Tokens_without_a_session_are_skipped()
    {
        _time.Advance(TimeSpan.FromMinutes(5));
        _tracker.Seen(Guid.Empty, _time.GetUtcNow() - TimeSpan.FromMinutes(5));
        Assert.Empty(_tracker.Drain());
    }

    [Fact]
    public void A_batch_put_back_after_a_failed_write_never_moves_a_session_back()
    {
        var issued = _time.GetUtcNow();
        var (a, b) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        _time.Advance(TimeSpan.FromMinutes(2));
        var early = _time.GetUtcNow();
        _tracker.Seen(a, issued);
        _tracker.Seen(b, issued);
        var failed = _tracker.Drain();
        Assert.Equal(2, failed.Count);

        // While the write failed, a was seen again; the batch comes back and keeps a's later time.
        _time.Advance(TimeSpan.FromMinutes(2));
        var late = _time.GetUtcNow();
        _tracker.Seen(a, issued);
        _tracker.Return(failed);
        Assert.Equal([new SessionSighting(b, early), new SessionSighting(a, late)], _tracker.Drain().OrderBy(s => s.SeenAt));
        Assert.Empty(_tracker.Drain());
    }

    [Fact]
    public void Many_sessions_are_noted_independently()
    {
        var issued = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromMinutes(2));
        var sessions = Enumerable.Range(0, 100).Select(_ => Guid.CreateVersion7()).ToList();
        Parallel.ForEach(sessions, s =>
        {
            for (var i = 0; i < 10; i++)
            {
                _tracker.Seen(s, issued);
            }
        });

        var batch = _tracker.Drain();
        Assert.Equal(sessions.Order(), batch.Select(s => s.SessionId).Order());
        Assert.All(batch, s => Assert.Equal(_time.GetUtcNow(), s.SeenAt));
    }

    [Fact]
    public void Noting_a_session_seen_within_the_interval_allocates_nothing()
    {
        var (session, fresh) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        var issued = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromMinutes(2));
        _tracker.Seen(session, issued);
        var justIssued = _time.GetUtcNow();

        // Warm: every call below has run, and the loop passed its on-stack-replacement point, before the count starts. A
        // count can still catch the runtime's own one-off work (JIT on this thread), so the least of three counts must be
        // zero: an allocation on the path itself shows in every one.
        Note(5_000);
        var allocated = long.MaxValue;
        for (var attempt = 0; attempt < 3 && allocated > 0; attempt++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            Note(1_000);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, allocated);
        Assert.Equal([new SessionSighting(session, justIssued)], _tracker.Drain());

        void Note(int times)
        {
            for (var i = 0; i < times; i++)
            {
                _tracker.Seen(session, issued); // noted a moment ago
                _tracker.Seen(fresh, justIssued); // a token just issued: skipped
            }
        }
    }
}
