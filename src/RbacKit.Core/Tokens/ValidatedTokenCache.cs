using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace RbacKit.Tokens;

/// <summary>
/// A bounded map from exact token text to its validated claims. When full it starts over (the cost is one signature
/// check per live token), so memory stays bounded whatever arrives.
/// </summary>
internal sealed class ValidatedTokenCache(int capacity)
{
    private ConcurrentDictionary<string, ValidatedAccessToken> _entries = new(StringComparer.Ordinal);

    public bool TryGet(string token, [NotNullWhen(true)] out ValidatedAccessToken? validated)
    {
        if (capacity == 0)
        {
            validated = null;
            return false;
        }

        return _entries.TryGetValue(token, out validated);
    }

    public void Add(string token, ValidatedAccessToken validated)
    {
        if (capacity == 0)
        {
            return;
        }

        if (_entries.Count >= capacity)
        {
            _entries = new ConcurrentDictionary<string, ValidatedAccessToken>(StringComparer.Ordinal);
        }

        _entries[token] = validated;
    }

    public void Remove(string token) => _entries.TryRemove(token, out _);
}
