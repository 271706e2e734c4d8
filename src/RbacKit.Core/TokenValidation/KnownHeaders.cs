using System.Diagnostics.CodeAnalysis;
using RbacKit.Caching;

namespace RbacKit.TokenValidation;

/// <summary>
/// Encoded JWS headers (the first segment, ASCII) of tokens whose signature verified, with what reading them gave: every
/// token of one key has the same header, so a new token of a known key skips decoding and reading it. The <c>kid</c> is
/// the interned string; the key itself is still looked up on every validation. A <see cref="BoundedCache{TKey, TValue}"/>;
/// capacity 0: every header is read.
/// </summary>
internal sealed class KnownHeaders
{
    public const int DefaultCapacity = 64;
    private const int MaxLength = 512;
    private readonly BoundedCache<byte[], KnownHeader> _headers;
    private readonly BoundedCache<byte[], KnownHeader>.Alternate<ReadOnlySpan<byte>> _lookup;

    public KnownHeaders(int capacity = DefaultCapacity)
    {
        _headers = new BoundedCache<byte[], KnownHeader>(capacity, ByteArrayComparer.Instance);
        _lookup = _headers.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public bool TryGet(ReadOnlySpan<byte> encoded, [NotNullWhen(true)] out KnownHeader? header)
    {
        if (_headers.Capacity == 0)
        {
            header = null;
            return false;
        }

        return _lookup.TryGetValue(encoded, out header);
    }

    public void Add(ReadOnlySpan<byte> encoded, JwsAlgorithm algorithm, string keyId)
    {
        if (encoded.Length <= MaxLength)
        {
            _lookup.TryAdd(encoded, new KnownHeader(algorithm, keyId));
        }
    }

    internal sealed record KnownHeader(JwsAlgorithm Algorithm, string KeyId);
}
