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
/// Roles are cached apart from users: a user entry keeps the ids and versions of the roles it was composed from, and is
/// used only while every one of those roles is cached at that version. A role change drops that role's entry alone, so
/// the holders' next requests reload the role once (one query for all of them, not one per holder) and recompose their
/// permissions in memory; no holder row is rewritten and no other user entry is dropped.
/// Each cache is a <see cref="BoundedCache{TKey, TValue}"/> (an add that finds it full empties it first; a hit is one
/// dictionary lookup and allocates nothing); with a zero <see cref="RbacKitOptions.StateCacheDuration"/> nothing is kept.
/// The in-flight role loads are not a cache: an entry lives only while its load runs.
/// </summary>
internal sealed class AuthorizationStateProvider : IAuthorizationStateProvider, IDisposable
{
    internal const int MaxEntries = 200_000;
    internal const int MaxRoles = 10_000;
    private readonly IServiceScopeFactory _scopes;
    private readonly IPermissionResolver _resolver;
    private readonly IAuthorizationChangeFeed _feed;
    private readonly TimeProvider _time;
    private readonly TimeSpan _duration;
    private readonly BoundedCache<Guid, CachedUser> _users;
    private readonly BoundedCache<Guid, CachedSession> _sessionCache;
    private readonly BoundedCache<Guid, CachedClient> _clients;
    private readonly BoundedCache<Guid, CachedRole> _roles;
    // Not a cache: the loads running now (one per role, however many holders ask), each removed once it completes.
    private readonly ConcurrentDictionary<Guid, Lazy<Task<RoleGrantData?>>> _roleLoads = new();
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
        var caching = _duration > TimeSpan.Zero;
        _users = new(caching ? MaxEntries : 0);
        _sessionCache = new(caching ? MaxEntries : 0);
        _clients = new(caching ? MaxEntries : 0);
        _roles = new(caching ? MaxRoles : 0);
        _subscription = feed.Subscribe(OnChange);
    }

    public async ValueTask<UserAuthorization?> GetUserAsync(Guid userId, long minimumVersion, CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        if (_users.TryGetValue(userId, out var cached) && IsFresh(cached.LoadedAt, now) && cached.Value.Version >= minimumVersion)
        {
            return RolesCurrent(cached, now) ? cached.Value : await RecomposeAsync(cached, now, cancellationToken).ConfigureAwait(false);
        }

        var epoch = Volatile.Read(ref _epoch);
        var data = await _scopes.InScopeAsync<IRoleStore, UserAuthorizationData?>(s => s.GetAuthorizationDataAsync(userId, cancellationToken)).ConfigureAwait(false);
        if (data is null)
        {
            _users.Remove(userId);
            return null;
        }

        foreach (var role in data.Roles)
        {
            StoreRole(role.RoleId, new CachedRole(role, now), epoch);
        }

        var value = Compose(userId, data.IsActive, data.Version, data.Roles);
        Store(_users, userId, new CachedUser(value, Stamps(data.Roles), now), epoch);
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

    private void Store<TValue>(BoundedCache<Guid, TValue> cache, Guid key, TValue value, long epoch)
    {
        cache.Set(key, value);
        if (Volatile.Read(ref _epoch) != epoch)
        {
            // A change arrived while loading: the value may predate it, so do not keep it.
            cache.Remove(key);
        }
    }

    private UserAuthorization Compose(Guid userId, bool isActive, long version, IReadOnlyList<RoleGrantData> roles) => new()
    {
        UserId = userId,
        IsActive = isActive,
        Version = version,
        Roles = [.. roles.Select(r => r.Name).Order(StringComparer.Ordinal)],
        Grants = [.. roles.SelectMany(r => r.Permissions).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        Permissions = _resolver.Resolve(roles),
    };

    private static RoleStamp[] Stamps(IReadOnlyList<RoleGrantData> roles) => [.. roles.Select(r => new RoleStamp(r.RoleId, r.RoleVersion))];

    /// <summary>Whether every role the entry was composed from is still cached, fresh, at the version it was composed at.</summary>
    private bool RolesCurrent(CachedUser cached, long now)
    {
        foreach (var stamp in cached.Roles)
        {
            if (!_roles.TryGetValue(stamp.RoleId, out var role) || !IsFresh(role.LoadedAt, now) || role.Role?.RoleVersion != stamp.Version)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A role of a cached user changed (or its entry expired): reload only the roles (shared by every holder) and compose
    /// the user's permissions again. The user entry keeps its own load time; a role deleted since is simply not held.
    /// </summary>
    private async ValueTask<UserAuthorization> RecomposeAsync(CachedUser cached, long now, CancellationToken cancellationToken)
    {
        var epoch = Volatile.Read(ref _epoch);
        var roles = new List<RoleGrantData>(cached.Roles.Length);
        foreach (var stamp in cached.Roles)
        {
            if (await GetRoleAsync(stamp.RoleId, now, cancellationToken).ConfigureAwait(false) is { } role)
            {
                roles.Add(role);
            }
        }

        var value = Compose(cached.Value.UserId, cached.Value.IsActive, cached.Value.Version, roles);
        Store(_users, value.UserId, new CachedUser(value, Stamps(roles), cached.LoadedAt), epoch);
        return value;
    }

    private async ValueTask<RoleGrantData?> GetRoleAsync(Guid roleId, long now, CancellationToken cancellationToken)
    {
        if (_roles.TryGetValue(roleId, out var cached) && IsFresh(cached.LoadedAt, now))
        {
            return cached.Role;
        }

        // Every holder of a role that just changed asks at once: one load serves them all.
        var load = _roleLoads.GetOrAdd(roleId, id => new Lazy<Task<RoleGrantData?>>(() => LoadRoleAsync(id)));
        try
        {
            return await load.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (load.Value.IsCompleted)
            {
                _roleLoads.TryRemove(new KeyValuePair<Guid, Lazy<Task<RoleGrantData?>>>(roleId, load));
            }
        }
    }

    private async Task<RoleGrantData?> LoadRoleAsync(Guid roleId)
    {
        var epoch = Volatile.Read(ref _epoch);
        var loadedAt = _time.GetTimestamp();
        var role = await _scopes.InScopeAsync<IRoleStore, Domain.Role?>(s => s.FindByIdAsync(roleId, CancellationToken.None)).ConfigureAwait(false);
        var data = role is null ? null : new RoleGrantData(role.Id, role.Name, role.Version, [.. role.Permissions.Select(p => p.Permission)]);
        StoreRole(roleId, new CachedRole(data, loadedAt), epoch);
        return data;
    }

    private void StoreRole(Guid roleId, CachedRole role, long epoch) => Store(_roles, roleId, role, epoch);

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
                _users.Remove(change.Id);
                break;
            case AuthorizationChangeKind.Session:
                if (_sessionCache.TryGetValue(change.Id, out var session))
                {
                    _sessionCache.Set(change.Id, session with { Revoked = true });
                }
                else
                {
                    _sessionCache.Remove(change.Id);
                }

                break;
            case AuthorizationChangeKind.Role:
                // Only the role: its holders' entries no longer match its version and recompose on their next request.
                _roles.Remove(change.Id);
                _roleLoads.TryRemove(change.Id, out _);
                break;
            case AuthorizationChangeKind.Client:
                _clients.Remove(change.Id);
                break;
            default:
                _users.Clear();
                _roles.Clear();
                _roleLoads.Clear();
                _sessionCache.Clear();
                _clients.Clear();
                break;
        }
    }

    private sealed record CachedUser(UserAuthorization Value, RoleStamp[] Roles, long LoadedAt);

    private readonly record struct RoleStamp(Guid RoleId, long Version);

    /// <summary>A role as loaded; <see langword="null"/> once deleted.</summary>
    private sealed record CachedRole(RoleGrantData? Role, long LoadedAt);

    private sealed record CachedClient(Domain.OAuthClient? Client, long LoadedAt);

    private sealed record CachedSession(Guid UserId, DateTimeOffset ExpiresAt, bool Revoked, long LoadedAt);
}
