using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Text.Json;

namespace RbacKit.Tokens;

/// <summary>
/// Remembers the string lists of <c>roles</c> and <c>perms</c> claims by their exact JSON text, so a list seen before costs
/// one hash of its bytes and no allocation. The lists are read-only and shared between validated tokens. Bounded: once
/// full it stops growing. Only fed from payloads whose signature verified.
/// </summary>
internal sealed class StringArrayPool
{
    private const int MaxJsonLength = 4096;
    private readonly ConcurrentDictionary<byte[], IReadOnlyList<string>> _lists = new(ByteArrayComparer.Instance);
    private readonly ConcurrentDictionary<byte[], IReadOnlyList<string>>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly StringPool _strings;
    private readonly int _capacity;
    private int _count;

    public StringArrayPool(int capacity, StringPool strings)
    {
        _capacity = capacity;
        _strings = strings;
        _lookup = _lists.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>Reads the array at <paramref name="reader"/> (on its StartArray); false when an element is not a string.</summary>
    public bool TryRead(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, out IReadOnlyList<string> values)
    {
        var start = (int)reader.TokenStartIndex;
        var end = reader;
        end.Skip();
        var text = json[start..(int)end.BytesConsumed];
        if (_lookup.TryGetValue(text, out var found))
        {
            reader = end;
            values = found;
            return true;
        }

        values = [];
        var count = 0;
        var probe = reader;
        while (probe.Read() && probe.TokenType == JsonTokenType.String)
        {
            count++;
        }

        if (probe.TokenType != JsonTokenType.EndArray)
        {
            return false;
        }

        var array = new string[count];
        for (var i = 0; i < count; i++)
        {
            reader.Read();
            array[i] = _strings.Get(ref reader);
        }

        reader.Read();
        values = array.Length == 0 ? [] : new ReadOnlyCollection<string>(array);
        if (text.Length <= MaxJsonLength && Volatile.Read(ref _count) < _capacity && _lookup.TryAdd(text, values))
        {
            Interlocked.Increment(ref _count);
        }

        return true;
    }

    /// <summary>A single string where a list is expected: a one-element list.</summary>
    public bool TryReadOne(ref Utf8JsonReader reader, out IReadOnlyList<string> values)
    {
        values = new ReadOnlyCollection<string>([_strings.Get(ref reader)]);
        return true;
    }
}
