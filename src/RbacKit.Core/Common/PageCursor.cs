using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace RbacKit;

/// <summary>
/// The position after which a keyset page continues: the sort key and id of the previous page's last item, and the
/// number of the page it opens. Encoded as base64url of a versioned binary layout with a checksum bound to the list's
/// name, so a malformed, truncated or edited cursor, or one of another list, does not decode. The checksum is not a
/// signature: a cursor carries no secret and grants nothing, since every query stays filtered by the caller's rights.
/// </summary>
public sealed class PageCursor
{
    /// <summary>The longest encoded cursor <see cref="TryDecode"/> reads.</summary>
    internal const int MaxEncodedLength = 2048;

    private const byte Version = 1;
    private const int HeaderLength = 1 + 1 + 4 + 16;
    private const int ChecksumLength = 4;

    private readonly string? _text;
    private readonly DateTimeOffset? _at;

    private PageCursor(PageKeyKind kind, int page, Guid id, string? text, DateTimeOffset? at)
    {
        Kind = kind;
        Page = page;
        Id = id;
        _text = text;
        _at = at;
    }

    /// <summary>The type of the sort key.</summary>
    public PageKeyKind Kind { get; }

    /// <summary>The 1-based number of the page this cursor opens.</summary>
    public int Page { get; }

    /// <summary>The id of the last item before the page (the tie-breaker of the sort).</summary>
    public Guid Id { get; }

    /// <summary>The text sort key, when <see cref="Kind"/> is <see cref="PageKeyKind.Text"/>; otherwise empty.</summary>
    public string Text => _text ?? "";

    /// <summary>The time sort key (UTC), when <see cref="Kind"/> is <see cref="PageKeyKind.Time"/>; otherwise <see cref="DateTimeOffset.MinValue"/>.</summary>
    public DateTimeOffset At => _at ?? DateTimeOffset.MinValue;

    /// <summary>A cursor after the item with text key <paramref name="text"/> and id <paramref name="id"/>.</summary>
    internal static PageCursor After(string text, Guid id, int page)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        return new PageCursor(PageKeyKind.Text, page, id, text, null);
    }

    /// <summary>A cursor after the item at <paramref name="at"/> with id <paramref name="id"/>.</summary>
    internal static PageCursor After(DateTimeOffset at, Guid id, int page)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        return new PageCursor(PageKeyKind.Time, page, id, null, at.ToUniversalTime());
    }

    /// <summary>The opaque form, bound to the list named <paramref name="list"/>.</summary>
    internal string Encode(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var key = Kind == PageKeyKind.Text ? Encoding.UTF8.GetBytes(Text) : new byte[8];
        if (Kind == PageKeyKind.Time)
        {
            BinaryPrimitives.WriteInt64BigEndian(key, At.UtcTicks);
        }

        var bytes = new byte[HeaderLength + key.Length + ChecksumLength];
        bytes[0] = Version;
        bytes[1] = (byte)Kind;
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(2), Page);
        Id.TryWriteBytes(bytes.AsSpan(6, 16), bigEndian: true, out _);
        key.CopyTo(bytes.AsSpan(HeaderLength));
        Checksum(list, bytes.AsSpan(0, bytes.Length - ChecksumLength)).CopyTo(bytes.AsSpan(bytes.Length - ChecksumLength));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>
    /// Decodes <paramref name="value"/> as a cursor of the list named <paramref name="list"/> whose key is of
    /// <paramref name="kind"/>; <see langword="null"/> when it is malformed, edited, of another version, list or kind.
    /// </summary>
    internal static PageCursor? TryDecode(string list, PageKeyKind kind, string? value)
    {
        ArgumentNullException.ThrowIfNull(list);
        if (string.IsNullOrEmpty(value) || value.Length > MaxEncodedLength || !Base64Url.IsValid(value))
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            return null;
        }

        // Only the canonical form: a last character that differs in bits the decoder drops is an edit too.
        if (bytes.Length < HeaderLength + ChecksumLength || !string.Equals(Base64Url.EncodeToString(bytes), value, StringComparison.Ordinal) || bytes[0] != Version || bytes[1] != (byte)kind
            || !CryptographicOperations.FixedTimeEquals(Checksum(list, bytes.AsSpan(0, bytes.Length - ChecksumLength)), bytes.AsSpan(bytes.Length - ChecksumLength)))
        {
            return null;
        }

        var page = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(2));
        var id = new Guid(bytes.AsSpan(6, 16), bigEndian: true);
        var key = bytes.AsSpan(HeaderLength, bytes.Length - HeaderLength - ChecksumLength);
        if (page is < 1 or int.MaxValue)
        {
            return null; // the next page's number must still fit
        }

        if (kind == PageKeyKind.Time)
        {
            if (key.Length != 8)
            {
                return null;
            }

            var ticks = BinaryPrimitives.ReadInt64BigEndian(key);
            return ticks is < 0 or > 3155378975999999999 ? null : new PageCursor(kind, page, id, null, new DateTimeOffset(ticks, TimeSpan.Zero));
        }

        try
        {
            return new PageCursor(kind, page, id, new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(key), null);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static byte[] Checksum(string list, ReadOnlySpan<byte> payload)
    {
        var name = Encoding.UTF8.GetBytes(list);
        var input = new byte[name.Length + 1 + payload.Length];
        name.CopyTo(input, 0);
        payload.CopyTo(input.AsSpan(name.Length + 1));
        return SHA256.HashData(input)[..ChecksumLength];
    }
}
