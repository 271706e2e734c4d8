using System.Collections.ObjectModel;
using System.Text.Json;
using RbacKit.Caching;

namespace RbacKit.TokenValidation;

/// <summary>
/// Remembers the string lists of <c>roles</c> and <c>perms</c> claims by their exact JSON text, so a list seen before costs
/// one hash of its bytes and no allocation. The lists are read-only and shared between validated tokens. A
/// <see cref="BoundedCache{TKey, TValue}"/>; only fed from payloads whose signature verified. Capacity 0: every list is read and allocated.
/// </summary>
internal sealed class ClaimListCache
{
    private const int MaxJsonLength = 4096;
    private readonly BoundedCache<byte[], IReadOnlyList<string>> _lists;
    private readonly BoundedCache<byte[], IReadOnlyList<string>>.Alternate<ReadOnlySpan<byte>> _lookup;
    public ClaimListCache(int capacity)
    {
        _lists = new BoundedCache<byte[], IReadOnlyList<string>>(capacity, ByteArrayComparer.Instance);
        _lookup = _lists.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The most lists kept; 0: none.</summary>
    public int Capacity => _lists.Capacity;

    /// <summary>
    /// The list of a known array by its raw text alone, without tokenizing it: <paramref name="json"/> starts at the
    /// array's <c>[</c>. The end is guessed as the first <c>]</c> (one vectorized search); only a guess whose text equals a
    /// kept key counts, and every key is the exact text of a whole array <see cref="Utf8JsonReader"/> read before, so the
    /// guess is then the array's true end and the text valid JSON. A list with a <c>]</c> inside a string always misses
    /// here and is found by <see cref="TryRead"/>. False otherwise.
    /// </summary>
    public bool TryFind(ReadOnlySpan<byte> json, out int length, out IReadOnlyList<string> values)
    {
        values = [];
        length = json[..Math.Min(json.Length, MaxJsonLength)].IndexOf((byte)']') + 1;
        return length > 0 && _lookup.TryGetValue(json[..length], out values!);
    }

    /// <summary>Reads the array at <paramref name="reader"/> (on its StartArray); false when an element is not a string.</summary>
    public bool TryRead(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, out IReadOnlyList<string> values)
    {
        var pooled = _lists.Capacity > 0;
        var text = ReadOnlySpan<byte>.Empty;
        if (pooled)
        {
            var start = (int)reader.TokenStartIndex;
            var end = reader;
            end.Skip();
            text = json[start..(int)end.BytesConsumed];
            if (_lookup.TryGetValue(text, out var found))
            {
                reader = end;
                values = found;
                return true;
            }
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
            array[i] = reader.GetString()!;
        }

        reader.Read();
        values = Remember(text, array);
        return true;
    }

    /// <summary>The list kept for the exact text of a whole array; false when there is none.</summary>
    public bool TryGet(ReadOnlySpan<byte> text, out IReadOnlyList<string> values)
    {
        if (_lists.Capacity > 0 && _lookup.TryGetValue(text, out var found))
        {
            values = found;
            return true;
        }

        values = [];
        return false;
    }

    /// <summary>
    /// The read-only list of <paramref name="array"/>, the strings of the whole array whose exact text is
    /// <paramref name="text"/>; kept for that text when the cache is on and the text short enough.
    /// </summary>
    public IReadOnlyList<string> Remember(ReadOnlySpan<byte> text, string[] array)
    {
        IReadOnlyList<string> values = array.Length == 0 ? [] : new ReadOnlyCollection<string>(array);
        if (_lists.Capacity > 0 && text.Length <= MaxJsonLength)
        {
            _lookup.TryAdd(text, values);
        }

        return values;
    }

    /// <summary>A single string where a list is expected: a one-element list.</summary>
    public static bool TryReadOne(ref Utf8JsonReader reader, out IReadOnlyList<string> values)
    {
        values = new ReadOnlyCollection<string>([reader.GetString()!]);
        return true;
    }
}
