using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace RbacKit.TokenValidation;

/// <summary>
/// The fast path of <see cref="Read"/>: a strict reader of the compact JSON RbacKit's issuer writes. It takes one object
/// with no whitespace; strings with no escapes; non-negative integers; arrays of strings; <c>sub</c> and <c>sid</c> as
/// 36-character UUIDs. On such a payload it gives what <see cref="ReadGeneral"/> gives. It reports no failure: any other
/// input, and any payload the general reader would refuse, is declined and goes to <see cref="ReadGeneral"/>.
/// <c>CompactPayloadReaderTests</c> hold the two readers together on a corpus and on mutations of it.
/// </summary>
internal partial struct AccessTokenPayload
{
    /// <summary>What ends a string in the compact form: its closing quote, or what makes it not compact (an escape) or not
    /// JSON (a control character).</summary>
    private static readonly SearchValues<byte> StringStop = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, (byte)'"', (byte)'\\']);

    /// <summary>
    /// Reads <paramref name="json"/> (valid UTF-8: <see cref="Read"/> checked it) when it is in the compact form and the general reader would accept it;
    /// false otherwise, with nothing learned: the caller reads it again with <see cref="ReadGeneral"/>.
    /// </summary>
    internal static bool TryReadCompact(ReadOnlySpan<byte> json, ReadOnlySpan<byte> issuer, ReadOnlySpan<byte> audience, ClaimListCache pool, out AccessTokenPayload payload)
    {
        payload = new AccessTokenPayload { Roles = [], Permissions = [] };
        if (json.Length < 2 || json[0] != '{')
        {
            return false;
        }

        var at = 1;
        if (json[at] == '}')
        {
            return json.Length == 2;
        }

        var seen = 0;
        while (true)
        {
            if (!TryString(json, ref at, out var name) || !Next(json, ref at, (byte)':'))
            {
                return false;
            }

            var packed = JsonNames.Pack(name);
            var member = packed == 0 && name.SequenceEqual("client_id"u8) ? ClientIdClaim : Member(packed);
            if ((seen & member) != 0 || !payload.TryReadCompactValue(json, ref at, member, issuer, audience, pool))
            {
                return false;
            }

            seen |= member;
            if (at >= json.Length)
            {
                return false;
            }

            var separator = json[at++];
            if (separator == '}')
            {
                return at == json.Length;
            }

            if (separator != ',')
            {
                return false;
            }
        }
    }

    private bool TryReadCompactValue(ReadOnlySpan<byte> json, ref int at, int member, ReadOnlySpan<byte> issuer, ReadOnlySpan<byte> audience, ClaimListCache pool)
    {
        ReadOnlySpan<byte> text;
        switch (member)
        {
            case Iss:
                if (!TryString(json, ref at, out text))
                {
                    return false;
                }

                IssuerMatches = text.SequenceEqual(issuer);
                return true;
            case Aud:
                if (!TryString(json, ref at, out text))
                {
                    return false;
                }

                AudienceMatches = text.SequenceEqual(audience);
                return true;
            case Sub:
                if (!TryString(json, ref at, out text) || text.Length > 68)
                {
                    return false;
                }

                if (text.Length == 36)
                {
                    return TryGuid(text, out UserId);
                }

                // An OAuth client's id (the general reader's rule for a sub that is not the UUID form).
                Subject = Encoding.UTF8.GetString(text);
                UserId = Guid.TryParse(Subject, out var parsed) ? parsed : null;
                return true;
            case Sid:
                return TryString(json, ref at, out text) && text.Length == 36 && TryGuid(text, out SessionId);
            case ClientIdClaim:
                if (!TryString(json, ref at, out text) || text.Length > 256)
                {
                    return false;
                }

                ClientId = Encoding.UTF8.GetString(text);
                return true;
            case Jti:
                if (!TryString(json, ref at, out text))
                {
                    return false;
                }

                TokenId = Encoding.UTF8.GetString(text);
                return true;
            case Iat:
                return TryNumericDate(json, ref at, out IssuedAt);
            case Nbf:
                return TryNumericDate(json, ref at, out NotBefore);
            case Exp:
                return TryNumericDate(json, ref at, out ExpiresAt);
            case Ver:
                if (!TryInteger(json, ref at, out var version))
                {
                    return false;
                }

                Version = version;
                return true;
            case RolesClaim:
                return TryStrings(json, ref at, pool, out Roles);
            case PermsClaim:
                return TryStrings(json, ref at, pool, out Permissions);
            default:
                return (uint)at < (uint)json.Length && json[at] switch
                {
                    (byte)'"' => TryString(json, ref at, out _),
                    (byte)'[' => TryArrayExtent(json, ref at, out _),
                    _ => TryInteger(json, ref at, out _),
                };
        }
    }

    /// <summary>A string at <paramref name="at"/> with no escape and no control character; <paramref name="at"/> moves past it.</summary>
    private static bool TryString(ReadOnlySpan<byte> json, scoped ref int at, out ReadOnlySpan<byte> value)
    {
        value = default;
        if ((uint)at >= (uint)json.Length || json[at] != '"')
        {
            return false;
        }

        var rest = json[(at + 1)..];
        var end = rest.IndexOfAny(StringStop);
        if (end < 0 || rest[end] != '"')
        {
            return false;
        }

        value = rest[..end];
        at += end + 2;
        return true;
    }

    private static bool Next(ReadOnlySpan<byte> json, ref int at, byte expected)
    {
        if ((uint)at >= (uint)json.Length || json[at] != expected)
        {
            return false;
        }

        at++;
        return true;
    }

    /// <summary>A non-negative integer of at most 18 digits, no leading zero; what follows it is the caller's to check.</summary>
    private static bool TryInteger(ReadOnlySpan<byte> json, ref int at, out long value)
    {
        value = 0;
        var start = at;
        while ((uint)at < (uint)json.Length && (uint)(json[at] - '0') <= 9 && at - start < 19)
        {
            value = (value * 10) + (json[at] - '0');
            at++;
        }

        var digits = at - start;
        return digits is > 0 and <= 18 && (digits == 1 || json[start] != '0');
    }

    private static bool TryNumericDate(ReadOnlySpan<byte> json, ref int at, out long? seconds)
    {
        seconds = null;
        if (!TryInteger(json, ref at, out var value) || value > MaxUnixSeconds)
        {
            return false;
        }

        seconds = value;
        return true;
    }

    private static bool TryGuid(ReadOnlySpan<byte> text, out Guid? value)
    {
        value = null;
        if (!Utf8Parser.TryParse(text, out Guid parsed, out var consumed, 'D') || consumed != text.Length)
        {
            return false;
        }

        value = parsed;
        return true;
    }

    /// <summary>An array of compact strings: its list from the cache, or read and remembered.</summary>
    private static bool TryStrings(ReadOnlySpan<byte> json, ref int at, ClaimListCache pool, out IReadOnlyList<string> values)
    {
        values = [];
        if ((uint)at >= (uint)json.Length || json[at] != '[')
        {
            return false;
        }

        if (pool.Capacity > 0 && pool.TryFind(json[at..], out var length, out values))
        {
            at += length;
            return true;
        }

        var start = at;
        if (!TryArrayExtent(json, ref at, out var count))
        {
            return false;
        }

        var text = json[start..at];
        if (pool.TryGet(text, out values))
        {
            return true;
        }

        var array = new string[count];
        var next = start + 1;
        for (var i = 0; i < count; i++)
        {
            TryString(json, ref next, out var element);
            array[i] = Encoding.UTF8.GetString(element);
            next++; // the comma or the closing bracket
        }

        values = pool.Remember(text, array);
        return true;
    }

    /// <summary>Steps over an array of compact strings at <paramref name="at"/>, counting them.</summary>
    private static bool TryArrayExtent(ReadOnlySpan<byte> json, ref int at, out int count)
    {
        count = 0;
        if (!Next(json, ref at, (byte)'['))
        {
            return false;
        }

        if (Next(json, ref at, (byte)']'))
        {
            return true;
        }

        while (TryString(json, ref at, out _))
        {
            count++;
            if (Next(json, ref at, (byte)']'))
            {
                return true;
            }

            if (!Next(json, ref at, (byte)','))
            {
                return false;
            }
        }

        return false;
    }
}
