using System.Text.Json;

namespace RbacKit.TokenValidation;

/// <summary>
/// Member names of up to 7 bytes packed into a <see cref="ulong"/> (little-endian) with their length in the top byte, so
/// a reader dispatches on a member with one switch instead of comparing it with every known name, and names compare
/// exactly: <c>"exp\u0000"</c> is not <c>exp</c>. Escaped names are unescaped first.
/// </summary>
internal static class JsonNames
{
    private const int LengthShift = 56;
    private const int MaxLength = 7;

    public const ulong Alg = 'a' | ('l' << 8) | ('g' << 16) | (3UL << LengthShift);
    public const ulong Typ = 't' | ('y' << 8) | ('p' << 16) | (3UL << LengthShift);
    public const ulong Kid = 'k' | ('i' << 8) | ('d' << 16) | (3UL << LengthShift);
    public const ulong Crit = 'c' | ('r' << 8) | ('i' << 16) | ((ulong)'t' << 24) | (4UL << LengthShift);
    public const ulong Iss = 'i' | ('s' << 8) | ('s' << 16) | (3UL << LengthShift);
    public const ulong Aud = 'a' | ('u' << 8) | ('d' << 16) | (3UL << LengthShift);
    public const ulong Sub = 's' | ('u' << 8) | ('b' << 16) | (3UL << LengthShift);
    public const ulong Sid = 's' | ('i' << 8) | ('d' << 16) | (3UL << LengthShift);
    public const ulong Jti = 'j' | ('t' << 8) | ('i' << 16) | (3UL << LengthShift);
    public const ulong Iat = 'i' | ('a' << 8) | ('t' << 16) | (3UL << LengthShift);
    public const ulong Nbf = 'n' | ('b' << 8) | ('f' << 16) | (3UL << LengthShift);
    public const ulong Exp = 'e' | ('x' << 8) | ('p' << 16) | (3UL << LengthShift);
    public const ulong Ver = 'v' | ('e' << 8) | ('r' << 16) | (3UL << LengthShift);
    public const ulong Roles = 'r' | ('o' << 8) | ('l' << 16) | ((ulong)'e' << 24) | ((ulong)'s' << 32) | (5UL << LengthShift);
    public const ulong Perms = 'p' | ('e' << 8) | ('r' << 16) | ((ulong)'m' << 24) | ((ulong)'s' << 32) | (5UL << LengthShift);

    /// <summary>The packed name of the property the reader is on; 0 for names longer than 7 bytes (none of ours).</summary>
    public static ulong Read(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Pack(reader.ValueSpan);
        }

        if (reader.ValueSpan.Length > 64)
        {
            return 0;
        }

        Span<byte> unescaped = stackalloc byte[64];
        return Pack(unescaped[..reader.CopyString(unescaped)]);
    }

    /// <summary>The packed form of an unescaped name; 0 for names longer than 7 bytes (none of ours).</summary>
    public static ulong Pack(ReadOnlySpan<byte> name)
    {
        if (name.Length is 0 or > MaxLength)
        {
            return 0;
        }

        var packed = (ulong)name.Length << LengthShift;
        for (var i = 0; i < name.Length; i++)
        {
            packed |= (ulong)name[i] << (8 * i);
        }

        return packed;
    }
}
