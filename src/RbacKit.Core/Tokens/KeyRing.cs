using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.Tokens;

/// <summary>The key ring backed by <see cref="ISigningKeyStore"/> (resolved per operation in its own scope); private material is protected by <see cref="ISecretProtector"/>.</summary>
internal sealed partial class KeyRing(
    IServiceScopeFactory scopes,
    ISecretProtector protector,
    IOptions<RbacKitOptions> options,
    TimeProvider time,
    ILogger<KeyRing> logger) : IKeyRing, IDisposable
{
    private readonly TokenOptions _options = options.Value.Tokens;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile Snapshot? _snapshot;
    private long _lastUnknownKeyRefresh = long.MinValue;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ReloadAsync(cancellationToken).ConfigureAwait(false);
            if (_snapshot!.Current is null)
            {
                // The first key retires nothing: two instances starting together both add one and agree on the newest.
                await AddKeyAsync(retireOthers: false, cancellationToken).ConfigureAwait(false);
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
        if (snapshot?.Current is null || time.GetUtcNow() - snapshot.LoadedAt > _options.KeyRefreshInterval)
        {
            if (snapshot?.Current is null)
            {
                await InitializeAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ReloadAsync(cancellationToken).ConfigureAwait(false);
            }

            snapshot = _snapshot!;
        }

        return snapshot.Current ?? throw new InvalidOperationException("RbacKit: the key ring holds no signing key; call IKeyRing.InitializeAsync or rotate-keys.");
    }

    public Task<string> RotateAsync(CancellationToken cancellationToken) => AddKeyAsync(retireOthers: true, cancellationToken);

    private async Task<string> AddKeyAsync(bool retireOthers, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var key = new SigningKey
        {
            KeyId = SigningKeyFactory.NewKeyId(),
            Algorithm = _options.Algorithm,
            CreatedAt = now,
            ProtectedKey = protector.Protect(SigningKeyFactory.CreatePrivateKey(_options.Algorithm, _options.RsaKeySize)),
        };
        await scopes.InScopeAsync<ISigningKeyStore, bool>(async store =>
        {
            await store.AddAsync(key, cancellationToken).ConfigureAwait(false);
            if (retireOthers)
            {
                await store.RetireOthersAsync(key.KeyId, now, now + _options.AccessTokenLifetime + _options.ClockSkew, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }).ConfigureAwait(false);
        CoreLog.KeyRotated(logger, key.KeyId, key.Algorithm);
        await ReloadAsync(cancellationToken).ConfigureAwait(false);
        return key.KeyId;
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            var stored = await scopes.InScopeAsync<ISigningKeyStore, IReadOnlyList<SigningKey>>(s => s.ListAsync(cancellationToken)).ConfigureAwait(false);
            var keys = new List<RingKey>();
            foreach (var entry in stored)
            {
                if (entry.ExpiresAt is { } expires && expires <= now)
                {
                    continue;
                }

                // Loaded key objects are reused; retirement and expiry are always taken from the store.
                var loaded = _snapshot?.Keys.GetValueOrDefault(entry.KeyId)?.Key
                    ?? SigningKeyFactory.Load(entry.KeyId, entry.Algorithm, Unprotect(entry));
                keys.Add(new RingKey(entry.KeyId, entry.Algorithm, loaded, entry.CreatedAt, entry.RetiredAt, entry.ExpiresAt));
            }

            // The newest unretired key signs; if racing rotations retired every key, the newest live one still does.
            var current = keys
                .Where(k => k.Algorithm == _options.Algorithm)
                .OrderBy(k => k.RetiredAt is not null)
                .ThenByDescending(k => k.CreatedAt)
                .ThenBy(k => k.KeyId, StringComparer.Ordinal)
                .FirstOrDefault();
            _snapshot = new Snapshot(now, current, keys.ToFrozenDictionary(k => k.KeyId, StringComparer.Ordinal));
        }
        finally
        {
            _gate.Release();
        }
    }

    public bool TryGetKey(string keyId, [NotNullWhen(true)] out SecurityKey? key, [NotNullWhen(true)] out string? algorithm)
    {
        if (_snapshot is { } snapshot && snapshot.Keys.TryGetValue(keyId, out var ringKey)
            && (ringKey.ExpiresAt is null || ringKey.ExpiresAt > time.GetUtcNow()))
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
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastUnknownKeyRefresh);
        if (last != long.MinValue && time.GetElapsedTime(last, now) < _options.UnknownKeyRefreshInterval)
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

        var now = time.GetUtcNow();
        return new JsonWebKeySetDocument([.. snapshot.Keys.Values
            .Where(k => k.ExpiresAt is null || k.ExpiresAt > now)
            .OrderBy(k => k.RetiredAt is not null)
            .ThenByDescending(k => k.CreatedAt)
            .Select(SigningKeyFactory.ToPublicJwk)
            .OfType<JsonWebKeyDocument>()]);
    }

    public void Dispose()
    {
        _gate.Dispose();
        _initGate.Dispose();
    }

    private sealed record Snapshot(DateTimeOffset LoadedAt, RingKey? Current, FrozenDictionary<string, RingKey> Keys);

    private byte[] Unprotect(SigningKey entry)
    {
        try
        {
            return protector.Unprotect(entry.ProtectedKey);
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
