using RbacKit.Domain;

namespace RbacKit.Stores;

/// <summary>Persists sessions and their refresh tokens (hashes only).</summary>
public interface ISessionStore
{
    /// <summary>Inserts a session and its first refresh token atomically.</summary>
    Task CreateAsync(Session session, RefreshToken firstToken, CancellationToken cancellationToken);

    /// <summary>A session by id.</summary>
    Task<Session?> FindAsync(Guid sessionId, CancellationToken cancellationToken);

    /// <summary>The user's sessions that are neither revoked nor expired at <paramref name="now"/>, newest first.</summary>
    Task<IReadOnlyList<Session>> ListActiveAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A refresh token by the hash of its text.</summary>
    Task<RefreshToken?> FindRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// Spends <paramref name="presentedHash"/> and stores <paramref name="nextToken"/> in one atomic step: only one of any
    /// number of concurrent calls with the same hash can succeed. Touches the session's last-seen time.
    /// </summary>
    Task<bool> TryRotateAsync(byte[] presentedHash, RefreshToken nextToken, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes one session; false if it was already revoked or does not exist.</summary>
    Task<bool> RevokeAsync(Guid sessionId, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Revokes every live session of a user except <paramref name="exceptSessionId"/>; returns the revoked ids.</summary>
    Task<IReadOnlyList<Guid>> RevokeAllAsync(Guid userId, Guid? exceptSessionId, string reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the last-seen time of each listed session forward to its <see cref="SessionSighting.SeenAt"/>: a session
    /// last seen at that time or later, or one that does not exist, is left alone. Called in batches by the background
    /// writer of access-token use (<see cref="SessionOptions.LastSeenWriteInterval"/>); returns how many sessions moved.
    /// </summary>
    Task<int> TouchAsync(IReadOnlyCollection<SessionSighting> sightings, CancellationToken cancellationToken);
}
