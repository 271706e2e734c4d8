using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using RbacKit.Caching;
using RbacKit.TokenValidation;

namespace RbacKit.AspNetCore;

/// <summary>
/// What a resource server learned from the change feed: ended sessions (by <c>sid</c>) and, per user, the moment from
/// which older tokens are stale (a changed user carries a newer authorization version in its next token). Entries are
/// kept for the issuer's longest access-token lifetime; the memory is bounded, and overflowing it rejects every older
/// token rather than forgetting a revocation (fail closed). Comparisons use whole seconds, as <c>iat</c> does, rounding
/// against the token: a token issued in the same second as a change is refused once and refreshed. With Redis, the
/// journal of recent changes is replayed when the feed connects, so revocations made before this service started count.
/// </summary>
internal sealed class RevocationList : IDisposable
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _sessions = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _users = new();
    private readonly RbacKitResourceServerOptions _options;
    private readonly TimeProvider _time;
    private readonly IDisposable _subscription;
    private long _notBefore = long.MinValue;
    private int _everythingSeen;

    private readonly IChangeJournal? _journal;

    public RevocationList(IAuthorizationChangeFeed feed, IOptions<RbacKitResourceServerOptions> options, TimeProvider time, IChangeJournal? journal = null)
    {
        _options = options.Value;
        _time = time;
        _subscription = feed.Subscribe(OnChange);
        _journal = journal;
        if (journal is not null)
        {
            journal.Replayed += OnReplayed;
        }
    }

    public bool IsRevoked(ValidatedAccessToken token)
    {
        var issuedAt = token.IssuedAt.ToUnixTimeSeconds();
        return _sessions.ContainsKey(token.SessionId)
            || issuedAt < Interlocked.Read(ref _notBefore)
            || (_users.TryGetValue(token.UserId, out var changedAt) && issuedAt < CeilingSeconds(changedAt));
    }

    public void Dispose()
    {
        _subscription.Dispose();
        if (_journal is not null)
        {
            _journal.Replayed -= OnReplayed;
        }
    }

    /// <summary>A change journaled before this service subscribed (or while it was disconnected), with when it happened.</summary>
    private void OnReplayed(AuthorizationChange change, DateTimeOffset at)
    {
        // Older than every live token: nothing left to revoke. "Everything" is never journaled.
        if (change.Kind != AuthorizationChangeKind.Everything && at >= _time.GetUtcNow() - _options.MaxAccessTokenLifetime - _options.ClockSkew)
        {
            Apply(change, at);
        }
    }

    private void OnChange(AuthorizationChange change)
    {
        var now = _time.GetUtcNow();
        if (change.Kind != AuthorizationChangeKind.Everything)
        {
            Apply(change, now);
        }
        else if (Interlocked.Exchange(ref _everythingSeen, 1) == 1)
        {
            // The feed announces "everything" when it (re)connects. The first time is start-up, with nothing missed
            // that this instance could have known; afterwards revocations may have been missed while disconnected.
            RejectAllBefore(now);
        }
    }

    private void Apply(AuthorizationChange change, DateTimeOffset at)
    {
        switch (change.Kind)
        {
            case AuthorizationChangeKind.Session:
                Remember(_sessions, change.Id, at);
                break;
            case AuthorizationChangeKind.User:
            case AuthorizationChangeKind.Client:
                // A client's tokens carry the digest of its client_id as their user id: the same cut-off applies.
                Remember(_users, change.Id, at);
                break;
            case AuthorizationChangeKind.Role when _options.RevokeTokensOnRoleChange:
                RejectAllBefore(at);
                break;
        }
    }

    private void Remember(ConcurrentDictionary<Guid, DateTimeOffset> entries, Guid id, DateTimeOffset at)
    {
        // The latest change wins: a replayed older change never moves a user's cut-off back.
        entries.AddOrUpdate(id, at, (_, known) => known > at ? known : at);
        var now = _time.GetUtcNow();
        if (entries.Count <= MaxEntries)
        {
            return;
        }

        var horizon = now - _options.MaxAccessTokenLifetime - _options.ClockSkew;
        foreach (var (key, changedAt) in entries)
        {
            if (changedAt < horizon)
            {
                entries.TryRemove(key, out _);
            }
        }

        if (entries.Count > MaxEntries)
        {
            RejectAllBefore(now);
            entries.Clear();
        }
    }

    private void RejectAllBefore(DateTimeOffset now)
    {
        var seconds = CeilingSeconds(now);
        long current;
        do
        {
            current = Interlocked.Read(ref _notBefore);
            if (current >= seconds)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _notBefore, seconds, current) != current);
    }

    private static long CeilingSeconds(DateTimeOffset at)
    {
        var milliseconds = at.ToUnixTimeMilliseconds();
        return (milliseconds + 999) / 1000;
    }
}
