namespace RbacKit.Caching;

/// <summary>
/// The per-request state checks (session live, user active, permissions) served from in-process caches, reloaded from the
/// store when a change notification arrives, the cache duration passes or the change feed is unreliable.
/// </summary>
public interface IAuthorizationStateProvider
{
    /// <summary>The user's current authorization; <see langword="null"/> for an unknown user. Reloads when the cached version is older than <paramref name="minimumVersion"/>.</summary>
    ValueTask<UserAuthorization?> GetUserAsync(Guid userId, long minimumVersion, CancellationToken cancellationToken);

    /// <summary>Whether the session exists, belongs to <paramref name="userId"/>, is not revoked and not past its absolute end.</summary>
    ValueTask<bool> IsSessionActiveAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken);

    /// <summary>The current secret version of the OAuth client <paramref name="clientId"/>; <see langword="null"/> once it is deleted or unknown.</summary>
    ValueTask<long?> GetClientVersionAsync(string clientId, CancellationToken cancellationToken);
}
