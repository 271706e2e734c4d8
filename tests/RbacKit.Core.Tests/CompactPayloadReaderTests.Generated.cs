using System.Text;
using System.Text.Unicode;
using RbacKit.TokenValidation;

namespace RbacKit.Core.Tests;

/// <summary>The generated inputs: seeded mutations of the issuer's payloads, and a grammar of near-compact JSON.</summary>
public sealed partial class CompactPayloadReaderTests
{
    [Fact]
    public void Mutations_of_the_issuers_payloads_never_make_the_readers_disagree()
    {
        // Deterministic: one seed, and only valid UTF-8 (the validator refuses anything else before reading).
        var random = new Random(19);
        byte[] alphabet = "\"\\,:{}[] 0123456789-.eEaz_"u8.ToArray();
        var accepted = 0;
        var tried = 0;
        foreach (var seed in new[] { UserPayload, ClientPayload })
        {
            var original = Encoding.UTF8.GetBytes(seed);
            for (var i = 0; i < 6000; i++)
            {
                var mutated = Mutate(original, random, alphabet);
                if (!Utf8.IsValid(mutated))
                {
                    continue;
                }

                tried++;
                if (AssertAgree(mutated))
                {
                    accepted++;
                }
            }
        }

        // Enough of both kinds for the property to mean something: mutations inside values stay compact.
        Assert.InRange(accepted, 500, tried - 500);
    }

    [Fact]
    public void Generated_near_compact_payloads_never_make_the_readers_disagree_with_shared_caches()
    {
        // Deterministic: a grammar of near-compact payloads (the compact form, with escapes, whitespace, odd numbers, odd
        // names, arrays with ']' inside strings, trailing bytes), read by both readers through pools they share, small
        // enough to be emptied often, in a random order, and through cold ones.
        var random = new Random(2026);
        var accepted = 0;
        var shared = new[] { new ClaimListCache(1), new ClaimListCache(3), new ClaimListCache(64) };
        for (var i = 0; i < 20000; i++)
        {
            // Half of them lean compact (no escapes, plain integers, strings in arrays), so long compact payloads occur.
            var json = Encoding.UTF8.GetBytes(GeneratePayload(random, compactLeaning: random.Next(2) == 0));
            var pool = shared[random.Next(shared.Length)];
            var generalFirst = random.Next(2) == 0;
            var failure = TokenFailure.Malformed;
            AccessTokenPayload general = default;
            if (generalFirst)
            {
                failure = AccessTokenPayload.ReadGeneral(json, IssuerUtf8, AudienceUtf8, pool, out general);
            }

            var compact = AccessTokenPayload.TryReadCompact(json, IssuerUtf8, AudienceUtf8, pool, out var fast);
            if (!generalFirst)
            {
                failure = AccessTokenPayload.ReadGeneral(json, IssuerUtf8, AudienceUtf8, pool, out general);
            }

            var cold = AccessTokenPayload.TryReadCompact(json, IssuerUtf8, AudienceUtf8, new ClaimListCache(0), out var fastCold);
            var text = Encoding.UTF8.GetString(json);
            Assert.True(!cold || compact, $"a cold compact read accepted what a warm one declined: {text}");
            if (!compact)
            {
                continue;
            }

            accepted++;
            Assert.True(failure == TokenFailure.None, $"compact accepted what the general reader refused ({failure}): {text}");
            Assert.Equal(TokenFailure.None, AccessTokenPayload.ReadGeneral(json, IssuerUtf8, AudienceUtf8, new ClaimListCache(0), out var generalCold));
            try
            {
                AssertSame(general, fast);
                if (cold)
                {
                    AssertSame(general, fastCold);
                }

                AssertSame(generalCold, fast);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                throw new Xunit.Sdk.XunitException($"the readers disagree on {text} (general first: {generalFirst}, pool {pool.Capacity}): {e.Message}");
            }
        }

        Assert.InRange(accepted, 4000, 18000);
    }

    private static readonly string[] GeneratedNames =
        ["iss", "aud", "sub", "sid", "jti", "iat", "nbf", "exp", "ver", "roles", "perms", "client_id", "roles", "perms", "sub", "exp",
         "", "x", "client_i", "client_idx", "rolesx", "permsss", "abcdefg", "abcdefgh", "ïss", "é", "\u00e9\u00e9\u00e9\u00e9", "Iss", "iss\\u0000", "r\\u006fles", "ro]es"];

    private static readonly string[] GeneratedStrings =
        ["", "a", "]", "[", "a]b", "],[", "\\\"", "\\\\", "\\u005d", "\\u0061", "\\n", "é", "日本", "\u007f", "😀", " ", "\\/", ",", "\\ud800",
         Issuer, Audience, Issuer + "x", "user", "movies:read", "0192f5c4-7a31-7cc2-9d3e-5b8a1f2e4c6d", "0192F5C4-7A31-7CC2-9D3E-5B8A1F2E4C6D",
         "{0192f5c4-7a31-7cc2-9d3e-5b8a1f2e4c6d}", "(0192f5c4-7a31-7cc2-9d3e-5b8a1f2e4c6d)", "0192f5c47a317cc29d3e5b8a1f2e4c6d",
         "  0192f5c47a317cc29d3e5b8a1f2e4c6d  ", "0192f5c4-7a31-7cc2-9d3e-5b8a1f2e4c6", "0192f5c4-7a31-7cc2-9d3e-5b8a1f2e4c6dd",
         "+192f5c4-7a31-7cc2-9d3e-5b8a1f2e4c6d", "0192f5c4-7a31-7cc2-9d3e-5b8a1f2e4c6é", " 0192f5c4-7a31-7cc2-9d3e-5b8a1f2e4c6d",
         "0x0192f5c4-7a31-7cc2-9d3e-5b8a1f2e4c6d", "{0x0192f5c4,0x7a31,0x7cc2,{0x9d,0x3e,0x5b,0x8a,0x1f,0x2e,0x4c,0x6d}}",
         "{0x0192f5c4,0x7a31,0x7cc2,{0x9d,0x3e,0x5b,0x8a,0x1f,0x2e,0x4c,0x6d}}x", "0192f5c4-7a31-7cc2-9d3e-5b8a1f2e4c6\\u0064",
         new string('a', 35), new string('a', 36), new string('a', 37), new string('a', 68), new string('a', 69), new string('é', 18), new string('é', 34),
         new string('a', 256), new string('a', 257), new string('é', 128), new string('é', 129)];

    private static readonly string[] GeneratedNumbers =
        ["0", "00", "01", "1", "-0", "-1", "1.5", "1.0", "1e3", "1E3", "0.0", "7", "1764800000", "253402300799", "253402300800", "253402300799.5",
         "123456789012345678", "999999999999999999", "1000000000000000000", "1234567890123456789", "9223372036854775807", "9223372036854775808",
         "99999999999999999999", "null", "true", "false", "\"1\"", "{}", "{\"a\":1}", "[]", "[1]", "-62135596800", "-62135596801", "1 ", "+1"];

    private static readonly string[] CompactStrings = [.. GeneratedStrings.Where(s => !s.Contains('\\', StringComparison.Ordinal))];

    private static readonly string[] CompactNumbers = [.. GeneratedNumbers.Where(n => n.All(char.IsAsciiDigit) && (n == "0" || n[0] != '0'))];

    private static string GeneratePayload(Random random, bool compactLeaning)
    {
        var strings = compactLeaning ? CompactStrings : GeneratedStrings;
        var numbers = compactLeaning ? CompactNumbers : GeneratedNumbers;
        var builder = new StringBuilder();
        builder.Append(random.Next(50) == 0 ? " {" : "{");
        var count = random.Next(0, 7);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(random.Next(80) == 0 ? " ," : ",");
            }

            var name = GeneratedNames[random.Next(GeneratedNames.Length)];
            builder.Append('"').Append(name).Append('"');
            builder.Append(random.Next(80) == 0 ? ": " : ":");
            builder.Append(compactLeaning && random.Next(5) != 0 ? GenerateTypedValue(random, name) : GenerateValue(random, 0, strings, numbers));
        }

        builder.Append(random.Next(30) switch
        {
            0 => "",
            1 => "} ",
            2 => "}}",
            3 => "},",
            4 => "}x",
            5 => ",}",
            _ => "}",
        });
        return builder.ToString();
    }

    /// <summary>A value of the claim's own type, mostly in the compact form.</summary>
    private static string GenerateTypedValue(Random random, string name) => name switch
    {
        "sub" or "sid" => "\"" + (random.Next(3) == 0 ? CompactStrings[random.Next(CompactStrings.Length)] : RandomGuid(random)) + "\"",
        "iat" or "nbf" or "exp" or "ver" => CompactNumbers[random.Next(CompactNumbers.Length)],
        "roles" or "perms" => GenerateArray(random, 2, CompactStrings, CompactNumbers),
        _ => "\"" + CompactStrings[random.Next(CompactStrings.Length)] + "\"",
    };

    /// <summary>A UUID from the seeded random, lower or upper case.</summary>
    private static string RandomGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        var text = new Guid(bytes).ToString("D");
        return random.Next(4) == 0 ? text.ToUpperInvariant() : text;
    }

    private static string GenerateValue(Random random, int depth, string[] strings, string[] numbers) => random.Next(depth > 1 ? 2 : 4) switch
    {
        0 => "\"" + strings[random.Next(strings.Length)] + "\"",
        1 => numbers[random.Next(numbers.Length)],
        _ => GenerateArray(random, depth, strings, numbers),
    };

    private static string GenerateArray(Random random, int depth, string[] strings, string[] numbers)
    {
        var builder = new StringBuilder("[");
        var count = random.Next(0, 4);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(random.Next(20) == 0 ? ", " : ",");
            }

            builder.Append(random.Next(12) == 0 ? GenerateValue(random, depth + 1, strings, numbers) : "\"" + strings[random.Next(strings.Length)] + "\"");
        }

        builder.Append(random.Next(25) switch
        {
            0 => " ]",
            1 => ",]",
            2 => "",
            _ => "]",
        });
        return builder.ToString();
    }

    private static byte[] Mutate(byte[] original, Random random, byte[] alphabet)
    {
        var bytes = new List<byte>(original);
        for (var edits = random.Next(1, 3); edits > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes.RemoveAt(at);
                    break;
                case 1:
                    bytes.Insert(at, alphabet[random.Next(alphabet.Length)]);
                    break;
                case 2:
                    bytes[at] = alphabet[random.Next(alphabet.Length)];
                    break;
                default:
                    // A slice repeated: duplicate members, doubled separators.
                    var length = Math.Min(random.Next(1, 40), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
            }

            if (bytes.Count == 0)
            {
                bytes.Add((byte)'{');
            }
        }

        return [.. bytes];
    }
}
