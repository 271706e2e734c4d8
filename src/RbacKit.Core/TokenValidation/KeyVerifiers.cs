using System.Text;
using RbacKit.Keys;
using RbacKit.Caching;

namespace RbacKit.TokenValidation;

/// <summary>
/// Finds the key named by a header's <c>kid</c> in the <see cref="IValidationKeySource"/> (asked on every validation, so
/// expiry and rotation apply at once) and keeps one <see cref="SignatureVerifier"/> per key object. Known key ids are
/// interned so the lookup allocates nothing; unknown ones are never remembered. A verifier whose key has left the source
/// (withdrawn, expired) or was replaced is disposed: at once when a token names it, and for every other key whenever one
/// such change is seen (<see cref="Sweep"/>).
/// </summary>
internal sealed class KeyVerifiers
{
    private const int Capacity = 256;
    private const int MaxKeyIdLength = 128;
    private readonly IValidationKeySource _keys;
    private readonly bool _pooledHmac;
    private readonly BoundedCache<string, Entry> _entries = new(Capacity, StringComparer.Ordinal);
    private readonly BoundedCache<string, Entry>.Alternate<ReadOnlySpan<char>> _lookup;

    public KeyVerifiers(IValidationKeySource keys, bool pooledHmac = true)
    {
        _keys = keys;
        _pooledHmac = pooledHmac;
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public TokenFailure Find(ref JwsHeader header, out string? keyId, out SignatureVerifier? verifier)
    {
        Entry? entry = null;
        if (header.KeyIdUnescaped is { } unescaped)
        {
            keyId = unescaped;
            _entries.TryGetValue(keyId, out entry);
        }
        else if (header.KeyIdUtf8.Length <= MaxKeyIdLength)
        {
            Span<char> chars = stackalloc char[MaxKeyIdLength];
            var length = Encoding.UTF8.GetChars(header.KeyIdUtf8, chars);
            keyId = _lookup.TryGetValue(chars[..length], out entry) ? entry.KeyId : new string(chars[..length]);
        }
        else
        {
            keyId = Encoding.UTF8.GetString(header.KeyIdUtf8);
            _entries.TryGetValue(keyId, out entry);
        }

        return Find(keyId, entry, header.Algorithm, out verifier);
    }

    /// <summary>The verifier for a <c>kid</c> already read (and interned) from a header seen before, alg <paramref name="headerAlgorithm"/>.</summary>
    public TokenFailure Find(string keyId, JwsAlgorithm headerAlgorithm, out SignatureVerifier? verifier)
    {
        _entries.TryGetValue(keyId, out var entry);
        return Find(keyId, entry, headerAlgorithm, out verifier);
    }

    /// <summary>Disposes the verifiers of keys that left the source or were replaced there.</summary>
    public void Sweep() => _entries.RemoveWhere((_, entry) =>
    {
        if (IsCurrent(entry))
        {
            return false;
        }

        entry.Verifier?.Dispose();
        return true;
    });

    private TokenFailure Find(string keyId, Entry? entry, JwsAlgorithm headerAlgorithm, out SignatureVerifier? verifier)
    {
        verifier = null;
        if (keyId.Length == 0 || !_keys.TryGetKey(keyId, out var key, out var algorithm))
        {
            if (entry is not null)
            {
                Sweep();
            }

            return TokenFailure.UnknownKey;
        }

        if (entry is null || !ReferenceEquals(entry.Key, key) || !string.Equals(entry.Algorithm, algorithm, StringComparison.Ordinal))
        {
            // Only keys the source holds get here, so the entries are bounded by the source, whatever tokens arrive.
            var replaced = entry;
            entry = new Entry(keyId, key, algorithm, SignatureVerifier.Create(key, SignatureVerifier.Parse(algorithm), _pooledHmac));
            _entries.Set(keyId, entry);
            if (replaced is not null)
            {
                replaced.Verifier?.Dispose();
                Sweep();
            }
        }

        // The header's alg must be the key's own algorithm: no HS256 with an RSA key, no downgrade.
        if (entry.Verifier is null || entry.Verifier.Algorithm != headerAlgorithm)
        {
            return TokenFailure.UnsupportedAlgorithm;
        }

        verifier = entry.Verifier;
        return TokenFailure.None;
    }

    private bool IsCurrent(Entry entry) =>
        _keys.TryGetKey(entry.KeyId, out var key, out var algorithm)
        && ReferenceEquals(entry.Key, key) && string.Equals(entry.Algorithm, algorithm, StringComparison.Ordinal);

    private sealed record Entry(string KeyId, Microsoft.IdentityModel.Tokens.SecurityKey Key, string Algorithm, SignatureVerifier? Verifier);
}
