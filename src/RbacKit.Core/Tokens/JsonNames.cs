using System.Text.Json;

namespace RbacKit.Tokens;

/// <summary>
/// Member names of up to 8 bytes packed into a <see cref="ulong"/> (little-endian), so a reader dispatches on a member
/// with one switch instead of comparing it with every known name. Escaped names are unescaped first.
/// </summary>
internal static class JsonNames
{
    public const ulong Alg = 'a' | ('l' << 8) | ('g' << 16);
    public const ulong Typ = 't' | ('y' << 8) | ('p' << 16);
    public const ulong Kid = 'k' | ('i' << 8) | ('d' << 16);
    public const ulong Crit = 'c' | ('r' << 8) | ('i' << 16) | ((ulong)'t' << 24);
    public const ulong Iss = 'i' | ('s' << 8) | ('s' << 16);
    public const ulong Aud = 'a' | ('u' << 8) | ('d' << 16);
    public const ulong Sub = 's' | ('u' << 8) | ('b' << 16);
    public const ulong Sid = 's' | ('i' << 8) | ('d' << 16);
    public const ulong Jti = 'j' | ('t' << 8) | ('i' << 16);
    public const ulong Iat = 'i' | ('a' << 8) | ('t' << 16);
    public const ulong Nbf = 'n' | ('b' << 8) | ('f' << 16);
    public const ulong Exp = 'e' | ('x' << 8) | ('p' << 16);
    public const ulong Ver = 'v' | ('e' << 8) | ('r' << 16);
    public const ulong Roles = 'r' | ('o' << 8) | ('l' << 16) | ((ulong)'e' << 24) | ((ulong)'s' << 32);
    public const ulong Perms = 'p' | ('e' << 8) | ('r' << 16) | ((ulong)'m' << 24) | ((ulong)'s' << 32);

    /// <summary>The packed name of the property the reader is on; 0 for names longer than 8 bytes (none of ours).</summary>
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

    private static ulong Pack(ReadOnlySpan<byte> name)
    {
        if (name.Length is 0 or > 8)
        {
            return 0;
        }

        ulong packed = 0;
        for (var i = name.Length - 1; i >= 0; i--)
        {
            packed = (packed << 8) | name[i];
        }

        return packed;
    }
}
