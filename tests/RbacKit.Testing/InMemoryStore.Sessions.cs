using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.Testing;

/// <summary>Sessions and their refresh tokens.</summary>
public sealed partial class InMemoryStore
{
    public Task CreateAsync(Session session, RefreshToken firstToken, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _sessions[session.Id] = Clone(session);
            _tokens[Convert.ToHexString(firstToken.TokenHash)] = Clone(firstToken);
            return Task.CompletedTask;
        }
    }

    public Task<Session?> FindAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_sessions.TryGetValue(sessionId, out var s) ? Clone(s) : null);
        }
    }

    public Task<IReadOnlyList<Session>> ListActiveAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Session>>([.. _sessions.Values.Where(s => s.UserId == userId && s.IsActiveAt(now)).OrderByDescending(s => s.CreatedAt).Select(Clone)]);
        }
    }

    public Task<RefreshToken?> FindRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_tokens.TryGetValue(Convert.ToHexString(tokenHash), out var t) ? Clone(t) : null);
        }
    }

    public Task<bool> TryRotateAsync(byte[] presentedHash, RefreshToken nextToken, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_tokens.TryGetValue(Convert.ToHexString(presentedHash), out var t) || t.ConsumedAt is not null)
            {
                return Task.FromResult(false);
            }

            _tokens[Convert.ToHexString(presentedHash)] = t with { ConsumedAt = now };
            _tokens[Convert.ToHexString(nextToken.TokenHash)] = Clone(nextToken);
            _sessions[t.SessionId] = _sessions[t.SessionId] with { LastSeenAt = now };
            return Task.FromResult(true);
        }
    }

    public Task<bool> RevokeAsync(Guid sessionId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_sessions.TryGetValue(sessionId, out var s) || s.RevokedAt is not null)
            {
                return Task.FromResult(false);
            }

            _sessions[sessionId] = s with { RevokedAt = now, RevokedReason = reason };
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<Guid>> RevokeAllAsync(Guid userId, Guid? exceptSessionId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var revoked = _sessions.Values.Where(s => s.UserId == userId && s.RevokedAt is null && s.Id != exceptSessionId).ToList();
            foreach (var s in revoked)
            {
                _sessions[s.Id] = s with { RevokedAt = now, RevokedReason = reason };
            }

            return Task.FromResult<IReadOnlyList<Guid>>([.. revoked.Select(s => s.Id)]);
        }
    }

    public Task<int> TouchAsync(IReadOnlyCollection<SessionSighting> sightings, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Touches += sightings.Count;
            var moved = 0;
            foreach (var (sessionId, seenAt) in sightings)
            {
                if (_sessions.TryGetValue(sessionId, out var s) && s.LastSeenAt < seenAt)
                {
                    _sessions[sessionId] = s with { LastSeenAt = seenAt };
                    moved++;
                }
            }

            return Task.FromResult(moved);
        }
    }
}
