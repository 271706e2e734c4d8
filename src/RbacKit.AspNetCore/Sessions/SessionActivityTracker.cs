using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RbacKit.Stores;

namespace RbacKit.AspNetCore;

/// <summary>
/// Remembers, in memory, which sessions used an access token and when, so that <c>lastSeenAt</c> moves without a
/// database write per request: a session is noted at most once per <see cref="SessionOptions.LastSeenWriteInterval"/>
/// and <see cref="SessionActivityFlusher"/> writes the notes in batches. The common case, a session noted less than an
/// interval ago, is one dictionary read: no allocation, no lock.
/// </summary>
internal sealed class SessionActivityTracker(IOptions<RbacKitOptions> options, TimeProvider time)
{
    private readonly long _interval = options.Value.Sessions.LastSeenWriteInterval.Ticks;

    // When each session was last noted (UTC ticks); an entry older than an interval throttles nothing and is pruned.
    private readonly ConcurrentDictionary<Guid, long> _noted = new();

    // Notes not yet written.
    private readonly ConcurrentDictionary<Guid, long> _pending = new();

    /// <summary>
    /// Notes that a token of <paramref name="sessionId"/>, issued at <paramref name="issuedAt"/>, was just used. Skipped
    /// for tokens without a session (<see cref="Guid.Empty"/>) and within an interval of the token's issue: the login or
    /// refresh that issued it set the last-seen time then.
    /// </summary>
    public void Seen(Guid sessionId, DateTimeOffset issuedAt)
    {
        if (sessionId == Guid.Empty)
        {
            return;
        }

        var now = time.GetUtcNow().UtcTicks;
        if (now - issuedAt.UtcTicks < _interval || (_noted.TryGetValue(sessionId, out var noted) && now - noted < _interval))
        {
            return;
        }

        _noted[sessionId] = now;
        _pending.AddOrUpdate(sessionId, static (_, seen) => seen, static (_, old, seen) => Math.Max(old, seen), now);
    }

    /// <summary>Takes the notes not yet written (each once, however many callers drain at the same time) and forgets expired throttles.</summary>
    public List<SessionSighting> Drain()
    {
        var batch = new List<SessionSighting>();
        foreach (var note in _pending)
        {
            if (_pending.TryRemove(note))
            {
                batch.Add(new SessionSighting(note.Key, new DateTimeOffset(note.Value, TimeSpan.Zero)));
            }
        }

        var horizon = time.GetUtcNow().UtcTicks - _interval;
        foreach (var note in _noted)
        {
            if (note.Value <= horizon)
            {
                _noted.TryRemove(note);
            }
        }

        return batch;
    }

    /// <summary>Puts back a batch that could not be written, keeping any later note taken meanwhile.</summary>
    public void Return(IEnumerable<SessionSighting> batch)
    {
        foreach (var (sessionId, seenAt) in batch)
        {
            _pending.AddOrUpdate(sessionId, static (_, seen) => seen, static (_, old, seen) => Math.Max(old, seen), seenAt.UtcTicks);
        }
    }
}
