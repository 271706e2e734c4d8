using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using RbacKit.Keys;

namespace RbacKit.AspNetCore;

/// <summary>
/// The issuer's public keys, read from its discovery document and JWKS. The discovery <c>issuer</c> must equal the
/// expected issuer; only RS256 and ES256 signing keys with a <c>kid</c> are taken (never symmetric keys). Reloaded
/// periodically and, rate-limited, when a token names an unknown <c>kid</c> (a rotated key).
/// </summary>
internal sealed partial class RemoteKeySource(
    IHttpClientFactory httpClients,
    IOptions<RbacKitResourceServerOptions> options,
    TimeProvider time,
    ILogger<RemoteKeySource> logger) : IValidationKeySource, IDisposable
{
    private readonly RbacKitResourceServerOptions _options = options.Value;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile LoadedKeys? _loaded;
    private long _lastUnknownKeyRefresh = long.MinValue;

    /// <summary>Whether a read of the issuer's keys has succeeded yet.</summary>
    public bool HasLoaded => _loaded is not null;

    public bool TryGetKey(string keyId, [NotNullWhen(true)] out SecurityKey? key, [NotNullWhen(true)] out string? algorithm)
    {
        if (_loaded is { } loaded && loaded.Keys.TryGetValue(keyId, out var found))
        {
            key = found.Key;
            algorithm = found.Algorithm;
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
        if ((last != long.MinValue && time.GetElapsedTime(last, now) < _options.UnknownKeyRefreshInterval)
            || Interlocked.CompareExchange(ref _lastUnknownKeyRefresh, now, last) != last)
        {
            return false;
        }

        return await RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads discovery and keys; on failure keeps the keys it had and logs why.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var client = httpClients.CreateClient(RbacKitResourceServerOptions.HttpClientName);
            var discoveryUrl = new Uri(_options.Authority.TrimEnd('/') + "/.well-known/openid-configuration");
            var discovery = JsonSerializer.Deserialize<DiscoveryDocument>(await client.GetStringAsync(discoveryUrl, cancellationToken).ConfigureAwait(false));
            if (discovery is null || !string.Equals(discovery.Issuer, _options.ExpectedIssuer, StringComparison.Ordinal))
            {
                AspNetCoreLog.IssuerMismatch(logger, discovery?.Issuer, _options.ExpectedIssuer);
                return false;
            }

            if (!Uri.TryCreate(discovery.JwksUri, UriKind.Absolute, out var jwksUrl) || !SecureUrl.IsAllowed(jwksUrl))
            {
                AspNetCoreLog.BadJwksUri(logger, discovery.JwksUri);
                return false;
            }

            var keys = ReadKeys(await client.GetStringAsync(jwksUrl, cancellationToken).ConfigureAwait(false));
            // One write makes the keys usable and the source loaded at once (a ready check never lags a served request).
            _loaded = new LoadedKeys(keys);
            AspNetCoreLog.KeysLoaded(logger, keys.Count, _options.Authority);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or ArgumentException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            AspNetCoreLog.RefreshFailed(logger, _options.Authority, ex);
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>The keys of the last successful read.</summary>
    private sealed record LoadedKeys(FrozenDictionary<string, RemoteKey> Keys);

    private static FrozenDictionary<string, RemoteKey> ReadKeys(string json)
    {
        var keys = new Dictionary<string, RemoteKey>(StringComparer.Ordinal);
        foreach (var key in new JsonWebKeySet(json).Keys)
        {
            var algorithm = AlgorithmOf(key);
            if (string.IsNullOrEmpty(key.Kid) || algorithm is null || (!string.IsNullOrEmpty(key.Use) && key.Use != "sig"))
            {
                continue;
            }

            keys[key.Kid] = new RemoteKey(key, algorithm);
        }

        return keys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string? AlgorithmOf(JsonWebKey key) => key.Kty switch
    {
        "RSA" when key.Alg is null or "" or SigningAlgorithms.RS256 => SigningAlgorithms.RS256,
        "EC" when key.Crv == "P-256" && key.Alg is null or "" or SigningAlgorithms.ES256 => SigningAlgorithms.ES256,
        _ => null,
    };

    private sealed record RemoteKey(SecurityKey Key, string Algorithm);
}
