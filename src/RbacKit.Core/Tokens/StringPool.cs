using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace RbacKit.Tokens;

/// <summary>
/// Interns the short strings that repeat across tokens (role and permission names, key ids) so reading them allocates
/// nothing after the first time. Bounded: once full it stops growing. Only fed from payloads whose signature verified.
/// </summary>
internal sealed class StringPool
{
    public const int MaxLength = 128;
    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _capacity;
    private int _count;

    public StringPool(int capacity)
    {
        _capacity = capacity;
        _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The string value at <paramref name="reader"/> (a JSON string token), from the pool when seen before.</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        var utf8 = reader.ValueSpan;
        if (reader.ValueIsEscaped || utf8.Length > MaxLength)
        {
            return reader.GetString()!;
        }

        Span<char> chars = stackalloc char[MaxLength];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return Get(chars[..length]);
    }

    public string Get(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var pooled))
        {
            return pooled;
        }

        var created = new string(value);
        if (Volatile.Read(ref _count) < _capacity && _strings.TryAdd(created, created))
        {
            Interlocked.Increment(ref _count);
        }

        return created;
    }
}
