using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RbacKit.Permissions;
using RbacKit.Stores;

namespace RbacKit.Caching;

/// <summary>
/// In-process caches of user authorization and session liveness. An entry is used only while it is younger than
/// <see cref="RbacKitOptions.StateCacheDuration"/>, no change notification has removed it, and the change feed is reliable.
/// A load that raced with a notification is used once but not cached, so a stale read never outlives the change.
/// Stores are scoped services, so every load runs in a scope of its own.
/// </summary>
internal sealed class AuthorizationStateProvider : IAuthorizationStateProvider, IDisposable
{
    private const int MaxEntries = 200_000;
    private readonly IServiceScopeFactory _scopes;
    private readonly IPermissionResolver _resolver;
    private readonly IAuthorizationChangeFeed _feed;
    private readonly TimeProvider _time;
    private readonly TimeSpan _duration;
    private readonly ConcurrentDictionary<Guid, CachedUser> _users = new();
    private readonly ConcurrentDictionary<Guid, CachedSession> _sessionCache = new();
    private readonly ConcurrentDictionary<Guid, CachedClient> _clients = new();
    private readonly IDisposable _subscription;
    private long _epoch;

    public AuthorizationStateProvider(
        IServiceScopeFactory scopes,
        IPermissionResolver resolver,
        IAuthorizationChangeFeed feed,
        IOptions<RbacKitOptions> options,
        TimeProvider time)
    {
        _scopes = scopes;
        _resolver = resolver;
        _feed = feed;
        _time = time;
        _duration = options.Value.StateCacheDuration;
        _subscription = feed.Subscribe(OnChange);
    }

    public async ValueTask<UserAuthorization?> GetUserAsync(Guid userId, long minimumVersion, CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        if (_users.TryGetValue(userId, out var cached) && IsFresh(cached.LoadedAt, now) && cached.Value.Version >= minimumVersion)
        {
            return cached.Value;
        }

        var epoch = Volatile.Read(ref _epoch);
        var data = await _scopes.InScopeAsync<IRoleStore, UserAuthorizationData?>(s => s.GetAuthorizationDataAsync(userId, cancellationToken)).ConfigureAwait(false);
        if (data is null)
        {
            _users.TryRemove(userId, out _);
            return null;
        }

        var value = new UserAuthorization
        {
            UserId = userId,
            IsActive = data.IsActive,
            Version = data.Version,
            Roles = [.. data.Roles.Select(r => r.Name).Order(StringComparer.Ordinal)],
            Grants = [.. data.Roles.SelectMany(r => r.Permissions).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Permissions = _resolver.Resolve(data.Roles),
        };
        Store(_users, userId, new CachedUser(value, now), epoch);
        return value;
    }

    public async ValueTask<bool> IsSessionActiveAsync(Guid sessionId, Guid userId, CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        if (_sessionCache.TryGetValue(sessionId, out var cached) && (cached.Revoked || IsFresh(cached.LoadedAt, now)))
        {
            return !cached.Revoked && cached.UserId == userId && _time.GetUtcNow() < cached.ExpiresAt;
        }

        var epoch = Volatile.Read(ref _epoch);
        var session = await _scopes.InScopeAsync<ISessionStore, Domain.Session?>(s => s.FindAsync(sessionId, cancellationToken)).ConfigureAwait(false);
        if (session is null)
        {
            return false;
        }

        Store(_sessionCache, sessionId, new CachedSession(session.UserId, session.ExpiresAt, session.RevokedAt is not null, now), epoch);
        return session.UserId == userId && session.IsActiveAt(_time.GetUtcNow());
    }

    public async ValueTask<long?> GetClientVersionAsync(string clientId, CancellationToken cancellationToken) =>
        (await GetClientAsync(clientId, cancellationToken).ConfigureAwait(false))?.SecretVersion;

    /// <summary>
    /// The OAuth client <paramref name="clientId"/> (a shared instance: never modify it), cached like users: dropped by
    /// its change notification (secret rotated, tokens revoked, deleted), so a grant costs no store read per request.
    /// </summary>
    public async ValueTask<Domain.OAuthClient?> GetClientAsync(string clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        var key = Clients.ClientSecrets.ToChangeId(clientId);
        var now = _time.GetTimestamp();
        if (_clients.TryGetValue(key, out var cached) && IsFresh(cached.LoadedAt, now))
        {
            return cached.Client;
        }

        var epoch = Volatile.Read(ref _epoch);
        var client = await _scopes.InScopeAsync<IOAuthClientStore, Domain.OAuthClient?>(s => s.FindByClientIdAsync(clientId, cancellationToken)).ConfigureAwait(false);
        Store(_clients, key, new CachedClient(client, now), epoch);
        return client;
    }

    public void Dispose() => _subscription.Dispose();

    private bool IsFresh(long loadedAt, long now) => _feed.IsReliable && _time.GetElapsedTime(loadedAt, now) < _duration;

    private void Store<TValue>(ConcurrentDictionary<Guid, TValue> cache, Guid key, TValue value, long epoch)
    {
        if (_duration <= TimeSpan.Zero)
        {
            return;
        }

        if (cache.Count >= MaxEntries)
        {
            cache.Clear();
        }

        cache[key] = value;
        if (Volatile.Read(ref _epoch) != epoch)
        {
            // A change arrived while loading: the value may predate it, so do not keep it.
            cache.TryRemove(key, out _);
        }
    }

    private void OnChange(AuthorizationChange change)
    {
        if (change.Kind is AuthorizationChangeKind.SigningKeys or AuthorizationChangeKind.SigningKeyWithdrawn)
        {
            return; // the key ring's concern: no cached user or session is affected
        }

        Interlocked.Increment(ref _epoch);
        switch (change.Kind)
        {
            case AuthorizationChangeKind.User:
                _users.TryRemove(change.Id, out _);
                break;
            case AuthorizationChangeKind.Session:
                if (_sessionCache.TryGetValue(change.Id, out var session))
                {
                    _sessionCache[change.Id] = session with { Revoked = true };
                }
                else
                {
                    _sessionCache.TryRemove(change.Id, out _);
                }

                break;
            case AuthorizationChangeKind.Role:
                _users.Clear();
                break;
            case AuthorizationChangeKind.Client:
                _clients.TryRemove(change.Id, out _);
                break;
            default:
                _users.Clear();
                _sessionCache.Clear();
                _clients.Clear();
                break;
        }
    }

    private sealed record CachedUser(UserAuthorization Value, long LoadedAt);

    private sealed record CachedClient(Domain.OAuthClient? Client, long LoadedAt);

    private sealed record CachedSession(Guid UserId, DateTimeOffset ExpiresAt, bool Revoked, long LoadedAt);
}
