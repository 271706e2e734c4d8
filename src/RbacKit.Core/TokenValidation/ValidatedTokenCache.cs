using System.Diagnostics.CodeAnalysis;
using RbacKit.Caching;

namespace RbacKit.TokenValidation;

/// <summary>
/// A bounded map from exact token text to its validated claims (a <see cref="BoundedCache{TKey, TValue}"/>: when full it
/// starts over, and the cost is one signature check per live token), so memory stays bounded whatever arrives. Only
/// validated tokens are added, so an attacker cannot fill it; a lookup allocates nothing and hashes only the end of the
/// token (see <see cref="TokenTextComparer"/>). Capacity 0 turns it off.
/// </summary>
internal sealed class ValidatedTokenCache
{
    private readonly BoundedCache<string, ValidatedAccessToken> _entries;
    private readonly BoundedCache<string, ValidatedAccessToken>.Alternate<ReadOnlySpan<char>> _bySpan;

    public ValidatedTokenCache(int capacity)
    {
        _entries = new(capacity, TokenTextComparer.Instance);
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _entries.Count;

    public bool TryGet(string token, [NotNullWhen(true)] out ValidatedAccessToken? validated) => TryGet(token, out _, out validated);

    /// <summary>The lookup by the token's characters (a slice of a header, or a whole string), allocating nothing; <paramref name="key"/> is the kept text.</summary>
    public bool TryGet(ReadOnlySpan<char> token, [NotNullWhen(true)] out string? key, [NotNullWhen(true)] out ValidatedAccessToken? validated)
    {
        if (_entries.Capacity == 0)
        {
            key = null;
            validated = null;
            return false;
        }

        return _bySpan.TryGetValue(token, out key, out validated);
    }

    public void Add(string token, ValidatedAccessToken validated) => _entries.Set(token, validated);

    public void Remove(string token) => _entries.Remove(token);

    /// <summary>
    /// Equality is the whole text; the hash is the process-randomized hash of the last 32 characters only, which lie in the
    /// signature: for validated tokens they are uniformly distributed, and hashing the whole token would cost more than the
    /// rest of a cache hit.
    /// </summary>
    private sealed class TokenTextComparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<char>, string>
    {
        public static readonly TokenTextComparer Instance = new();

        public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

        public int GetHashCode(string obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<char> alternate, string other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<char> alternate) => Hash(alternate);

        public string Create(ReadOnlySpan<char> alternate) => alternate.ToString();

        private static int Hash(ReadOnlySpan<char> text) => string.GetHashCode(text[Math.Max(0, text.Length - 32)..]) ^ text.Length;
    }
}
