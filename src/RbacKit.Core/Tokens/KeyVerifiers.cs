using System.Collections.Concurrent;
using System.Text;

namespace RbacKit.Tokens;

/// <summary>
/// Finds the key named by a header's <c>kid</c> in the <see cref="IValidationKeySource"/> (asked on every validation, so
/// expiry and rotation apply at once) and keeps one <see cref="SignatureVerifier"/> per key object. Known key ids are
/// interned so the lookup allocates nothing; unknown ones are never remembered. Bounded.
/// </summary>
internal sealed class KeyVerifiers
{
    private const int Capacity = 256;
    private readonly IValidationKeySource _keys;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public KeyVerifiers(IValidationKeySource keys)
    {
        _keys = keys;
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public TokenFailure Find(ref JwsHeader header, out string? keyId, out SignatureVerifier? verifier)
    {
        verifier = null;
        Entry? entry = null;
        if (header.KeyIdUnescaped is { } unescaped)
        {
            keyId = unescaped;
            _entries.TryGetValue(keyId, out entry);
        }
        else if (header.KeyIdUtf8.Length <= StringPool.MaxLength)
        {
            Span<char> chars = stackalloc char[StringPool.MaxLength];
            var length = Encoding.UTF8.GetChars(header.KeyIdUtf8, chars);
            keyId = _lookup.TryGetValue(chars[..length], out entry) ? entry.KeyId : new string(chars[..length]);
        }
        else
        {
            keyId = Encoding.UTF8.GetString(header.KeyIdUtf8);
        }

        return Find(keyId, entry, header.Algorithm, out verifier);
    }

    /// <summary>The verifier for a <c>kid</c> already read (and interned) from a header seen before, alg <paramref name="headerAlgorithm"/>.</summary>
    public TokenFailure Find(string keyId, JwsAlgorithm headerAlgorithm, out SignatureVerifier? verifier)
    {
        _entries.TryGetValue(keyId, out var entry);
        return Find(keyId, entry, headerAlgorithm, out verifier);
    }

    private TokenFailure Find(string keyId, Entry? entry, JwsAlgorithm headerAlgorithm, out SignatureVerifier? verifier)
    {
        verifier = null;
        if (keyId.Length == 0 || !_keys.TryGetKey(keyId, out var key, out var algorithm))
        {
            return TokenFailure.UnknownKey;
        }

        if (entry is null || !ReferenceEquals(entry.Key, key) || !string.Equals(entry.Algorithm, algorithm, StringComparison.Ordinal))
        {
            entry = new Entry(keyId, key, algorithm, SignatureVerifier.Create(key, SignatureVerifier.Parse(algorithm)));
            if (keyId.Length <= StringPool.MaxLength)
            {
                if (_entries.Count >= Capacity)
                {
                    _entries.Clear();
                }

                _entries[keyId] = entry;
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

    private sealed record Entry(string KeyId, Microsoft.IdentityModel.Tokens.SecurityKey Key, string Algorithm, SignatureVerifier? Verifier);
}
