using System.Collections.Concurrent;

namespace RbacKit.Tokens;

/// <summary>
/// Encoded JWS headers (the first segment, ASCII) of tokens whose signature verified, with what reading them gave: every
/// token of one key has the same header, so a new token of a known key skips decoding and reading it. The <c>kid</c> is
/// the interned string; the key itself is still looked up on every validation. Bounded (starts over when full).
/// </summary>
internal sealed class KnownHeaders
{
    private const int Capacity = 64;
    private const int MaxLength = 512;
    private readonly ConcurrentDictionary<byte[], KnownHeader> _headers = new(ByteArrayComparer.Instance);
    private readonly ConcurrentDictionary<byte[], KnownHeader>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

    public KnownHeaders() => _lookup = _headers.GetAlternateLookup<ReadOnlySpan<byte>>();

    public bool TryGet(ReadOnlySpan<byte> encoded, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out KnownHeader? header) =>
        _lookup.TryGetValue(encoded, out header);

    public void Add(ReadOnlySpan<byte> encoded, JwsAlgorithm algorithm, string keyId)
    {
        if (encoded.Length > MaxLength)
        {
            return;
        }

        if (_headers.Count >= Capacity)
        {
            _headers.Clear();
        }

        _lookup.TryAdd(encoded, new KnownHeader(algorithm, keyId));
    }

    internal sealed record KnownHeader(JwsAlgorithm Algorithm, string KeyId);
}
