using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using RbacKit.Caching;
using RbacKit.Domain;
using RbacKit.Secrets;
using RbacKit.Stores;

namespace RbacKit.Keys;

/// <summary>
/// The key ring backed by <see cref="ISigningKeyStore"/> (resolved per operation in its own scope); private material is
/// protected by <see cref="ISecretProtector"/>. A key's <see cref="SigningKey.CreatedAt"/> is when it starts signing: a
/// rotation stores the new key with a start <see cref="TokenOptions.KeyActivationDelay"/> ahead and retires the current
/// key then, so the new key is published before its first token. Additions and withdrawals are announced on the
/// <see cref="IAuthorizationChangeFeed"/>; every instance reloads (or drops the withdrawn key) when they arrive.
/// </summary>
internal sealed partial class KeyRing : IKeyRing, IDisposable
{
    private readonly IServiceScopeFactory _scopes;
    private readonly ISecretProtector _protector;
    private readonly IAuthorizationChangeFeed _feed;
    private readonly TimeProvider _time;
    private readonly ILogger<KeyRing> _logger;
    private readonly TokenOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Guid, byte> _withdrawn = new();
    private readonly IDisposable _subscription;
    private volatile Snapshot? _snapshot;
    private string? _signingKeyId;
    private long _lastUnknownKeyRefresh = long.MinValue;
    private int _disposed;

    public KeyRing(
        IServiceScopeFactory scopes,
        ISecretProtector protector,
        IOptions<RbacKitOptions> options,
        IAuthorizationChangeFeed feed,
        TimeProvider time,
        ILogger<KeyRing> logger)
    {
        _scopes = scopes;
        _protector = protector;
        _feed = feed;
        _time = time;
        _logger = logger;
        _options = options.Value.Tokens;
        _subscription = feed.Subscribe(OnChange);
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ReloadAsync(cancellationToken).ConfigureAwait(false);
            if (SelectSigner(_snapshot!, _time.GetUtcNow()) is null)
            {
                // The first key retires nothing, and the store adds it only if no other instance has added one meanwhile:
                // instances starting together on an empty database end with one key that all of them sign with.
                await AddFirstKeyAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _initGate.Release();
        }
    }

    public async ValueTask<RingKey> GetCurrentAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is null || _time.GetUtcNow() - snapshot.LoadedAt > _options.KeyRefreshInterval)
        {
            await ReloadAsync(cancellationToken).ConfigureAwait(false);
        }

        var current = SelectSigner(_snapshot!, _time.GetUtcNow());
        if (current is null)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
            current = SelectSigner(_snapshot!, _time.GetUtcNow())
                ?? throw new InvalidOperationException("RbacKit: the key ring holds no signing key; call IKeyRing.InitializeAsync or rotate-keys.");
        }

        if (!string.Equals(Interlocked.Exchange(ref _signingKeyId, current.KeyId), current.KeyId, StringComparison.Ordinal))
        {
            CoreLog.KeySigning(_logger, current.KeyId);
        }

        return current;
    }

    public Task<string> RotateAsync(CancellationToken cancellationToken) => RotateAsync(_options.KeyActivationDelay, cancellationToken);

    public Task<string> RotateAsync(TimeSpan activationDelay, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(activationDelay, TimeSpan.Zero);
        return AddKeyAsync(activationDelay, cancellationToken);
    }

    private async Task AddFirstKeyAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var key = NewKey(now);
        if (await _scopes.InScopeAsync<ISigningKeyStore, bool>(store => store.AddFirstAsync(key, now, cancellationToken)).ConfigureAwait(false))
        {
            CoreLog.KeyPublished(_logger, key.KeyId, key.Algorithm, now);
            await ReloadAsync(cancellationToken).ConfigureAwait(false);
            await _feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.SigningKeys, Guid.Empty), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Another instance added it first: use that one.
            await ReloadAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private SigningKey NewKey(DateTimeOffset activatesAt) => new()
    {
        KeyId = SigningKeyFactory.NewKeyId(),
        Algorithm = _options.Algorithm,
        CreatedAt = activatesAt,
        ProtectedKey = _protector.Protect(SigningKeyFactory.CreatePrivateKey(_options.Algorithm, _options.RsaKeySize)),
    };

    private async Task<string> AddKeyAsync(TimeSpan activationDelay, CancellationToken cancellationToken)
    {
        var activatesAt = _time.GetUtcNow() + activationDelay;
        var key = NewKey(activatesAt);
        await _scopes.InScopeAsync<ISigningKeyStore, bool>(async store =>
        {
            await store.AddAsync(key, cancellationToken).ConfigureAwait(false);
            await store.RetireOthersAsync(key.KeyId, activatesAt, activatesAt + _options.AccessTokenLifetime + _options.ClockSkew, cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        CoreLog.KeyPublished(_logger, key.KeyId, key.Algorithm, activatesAt);
        await ReloadAsync(cancellationToken).ConfigureAwait(false);
        await _feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.SigningKeys, Guid.Empty), cancellationToken).ConfigureAwait(false);
        return key.KeyId;
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var stored = await _scopes.InScopeAsync<ISigningKeyStore, IReadOnlyList<SigningKey>>(s => s.ListAsync(cancellationToken)).ConfigureAwait(false);
            var keys = new List<RingKey>();
            foreach (var entry in stored)
            {
                if ((entry.ExpiresAt is { } expires && expires <= now) || (!_withdrawn.IsEmpty && _withdrawn.ContainsKey(KeyIds.ToChangeId(entry.KeyId))))
                {
                    continue;
                }

                // Loaded key objects are reused; retirement and expiry are always taken from the store.
                var loaded = _snapshot?.Keys.GetValueOrDefault(entry.KeyId)?.Key
                    ?? SigningKeyFactory.Load(entry.KeyId, entry.Algorithm, Unprotect(entry));
                keys.Add(new RingKey(entry.KeyId, entry.Algorithm, loaded, entry.CreatedAt, entry.RetiredAt, entry.ExpiresAt));
            }

            _snapshot = new Snapshot(now, keys.ToFrozenDictionary(k => k.KeyId, StringComparer.Ordinal));
        }
        finally
        {
            _gate.Release();
        }
    }

    public bool TryGetKey(string keyId, [NotNullWhen(true)] out SecurityKey? key, [NotNullWhen(true)] out string? algorithm)
    {
        if (_snapshot is { } snapshot && snapshot.Keys.TryGetValue(keyId, out var ringKey)
            && (ringKey.ExpiresAt is null || ringKey.ExpiresAt > _time.GetUtcNow()))
        {
            key = ringKey.Key;
            algorithm = ringKey.Algorithm;
            return true;
        }

        key = null;
        algorithm = null;
        return false;
    }

    public async ValueTask<bool> RefreshForUnknownKeyAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _lastUnknownKeyRefresh);
        if (last != long.MinValue && _time.GetElapsedTime(last, now) < _options.UnknownKeyRefreshInterval)
        {
            return false;
        }

        if (Interlocked.CompareExchange(ref _lastUnknownKeyRefresh, now, last) != last)
        {
            return false;
        }

        await ReloadAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public JsonWebKeySetDocument GetJwks()
    {
        var snapshot = _snapshot;
        if (snapshot is null)
        {
            return new JsonWebKeySetDocument([]);
        }

        var now = _time.GetUtcNow();
        return new JsonWebKeySetDocument([.. snapshot.Keys.Values
            .Where(k => k.ExpiresAt is null || k.ExpiresAt > now)
            .OrderBy(k => k.RetiredAt is not null)
            .ThenByDescending(k => k.CreatedAt)
            .Select(SigningKeyFactory.ToPublicJwk)
            .OfType<JsonWebKeyDocument>()]);
    }

    public void Dispose()
    {
        // Registered as IKeyRing and, through a factory, as IValidationKeySource: the container disposes it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _subscription.Dispose();
        _stopping.Cancel();
        _stopping.Dispose();
        _gate.Dispose();
        _initGate.Dispose();
    }

    /// <summary>
    /// The key to sign with at <paramref name="now"/>: the newest one that has started and is not retired; else (a
    /// withdrawal left none) the published key that starts soonest; else (racing rotations retired every key) the newest
    /// live one.
    /// </summary>
    private RingKey? SelectSigner(Snapshot snapshot, DateTimeOffset now)
    {
        RingKey? best = null;
        var bestRank = int.MaxValue;
        foreach (var key in snapshot.Keys.Values)
        {
            if (key.Algorithm != _options.Algorithm || key.ExpiresAt is { } expires && expires <= now)
            {
                continue;
            }

            var rank = Rank(key, now);
            if (best is null || rank < bestRank || (rank == bestRank && Precedes(key, best, rank)))
            {
                best = key;
                bestRank = rank;
            }
        }

        return best;
    }

    private static bool CanSign(RingKey key, DateTimeOffset now) => Rank(key, now) < 2 && (key.ExpiresAt is null || key.ExpiresAt > now);

    private static int Rank(RingKey key, DateTimeOffset now)
    {
        if (key.RetiredAt is { } retired && retired <= now)
        {
            return 2;
        }

        return key.CreatedAt <= now ? 0 : 1;
    }

    private static bool Precedes(RingKey key, RingKey other, int rank)
    {
        var order = rank == 1 ? other.CreatedAt.CompareTo(key.CreatedAt) : key.CreatedAt.CompareTo(other.CreatedAt);
        return order > 0 || (order == 0 && string.CompareOrdinal(key.KeyId, other.KeyId) < 0);
    }

    private sealed record Snapshot(DateTimeOffset LoadedAt, FrozenDictionary<string, RingKey> Keys);

    private byte[] Unprotect(SigningKey entry)
    {
        try
        {
            return _protector.Unprotect(entry.ProtectedKey);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException(
                $"RbacKit: stored signing key '{entry.KeyId}' cannot be read with the configured protection (it was written under a different " +
                "key-encryption key, or without Tokens:KeyEncryptionKey under Data Protection). Start with the protection it was written with, " +
                "or delete the stored signing keys (table signing_keys) so new ones are created; tokens they signed stop validating.", e);
        }
    }
}
