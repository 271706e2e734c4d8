using System.Text;
using System.Text.Json;
using RbacKit.Tokens;

namespace RbacKit.TokenValidation;

/// <summary>
/// The protected header of a compact JWS, read with <see cref="Utf8JsonReader"/> straight from the decoded bytes. Only
/// <c>alg</c>, <c>typ</c>, <c>kid</c> and <c>crit</c> matter; <c>jwk</c>, <c>jku</c>, <c>x5u</c>, <c>x5c</c> and anything
/// else are skipped, never used. A member given twice makes the header malformed.
/// </summary>
internal ref struct JwsHeader
{
    private const int Alg = 1, Typ = 2, Kid = 4, Crit = 8;

    public JwsAlgorithm Algorithm;
    public bool HasCritical;
    public bool IsAccessTokenType;
    public bool HasKeyId;

    /// <summary>The <c>kid</c> as it appears in the JSON, when it needs no unescaping.</summary>
    public ReadOnlySpan<byte> KeyIdUtf8;

    /// <summary>The <c>kid</c> when it was escaped in the JSON.</summary>
    public string? KeyIdUnescaped;

    public static TokenFailure Read(ReadOnlySpan<byte> json, out JwsHeader header)
    {
        header = default;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return TokenFailure.Malformed;
            }

            var seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var member = JsonNames.Read(ref reader) switch
                {
                    JsonNames.Alg => Alg,
                    JsonNames.Typ => Typ,
                    JsonNames.Kid => Kid,
                    JsonNames.Crit => Crit,
                    _ => 0,
                };
                if ((seen & member) != 0)
                {
                    return TokenFailure.Malformed;
                }

                seen |= member;
                reader.Read();
                switch (member)
                {
                    case Alg:
                        header.Algorithm = ReadAlgorithm(ref reader);
                        break;
                    case Typ:
                        header.IsAccessTokenType = ReadType(ref reader);
                        break;
                    case Kid when reader.TokenType == JsonTokenType.String:
                        header.HasKeyId = true;
                        if (reader.ValueIsEscaped)
                        {
                            header.KeyIdUnescaped = reader.GetString();
                        }
                        else
                        {
                            header.KeyIdUtf8 = reader.ValueSpan;
                        }

                        break;
                    case Crit:
                        header.HasCritical = true;
                        reader.Skip();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            // The loop ends at the closing brace of the header object; nothing may follow it.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? TokenFailure.None : TokenFailure.Malformed;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8 once unescaped.
            return TokenFailure.Malformed;
        }
    }

    /// <summary>The first failing check, in the order tokens have always been refused: algorithm, crit, type, key id.</summary>
    public readonly TokenFailure Check() =>
        Algorithm == JwsAlgorithm.Unsupported ? TokenFailure.UnsupportedAlgorithm
        : HasCritical ? TokenFailure.UnsupportedCritical
        : !IsAccessTokenType ? TokenFailure.InvalidType
        : !HasKeyId ? TokenFailure.UnknownKey
        : TokenFailure.None;

    private static JwsAlgorithm ReadAlgorithm(ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String ? JwsAlgorithm.Unsupported
        : reader.ValueTextEquals("RS256"u8) ? JwsAlgorithm.RS256
        : reader.ValueTextEquals("ES256"u8) ? JwsAlgorithm.ES256
        : reader.ValueTextEquals("HS256"u8) ? JwsAlgorithm.HS256
        : JwsAlgorithm.Unsupported;

    // RFC 9068: "at+jwt" or its full media type "application/at+jwt", compared case-insensitively as media types are
    // (RFC 7515 4.1.9).
    private static bool ReadType(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        if (reader.ValueIsEscaped)
        {
            var value = reader.GetString();
            return string.Equals(value, AccessTokenClaims.TokenType, StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, "application/" + AccessTokenClaims.TokenType, StringComparison.OrdinalIgnoreCase);
        }

        return Ascii.EqualsIgnoreCase(reader.ValueSpan, "at+jwt"u8) || Ascii.EqualsIgnoreCase(reader.ValueSpan, "application/at+jwt"u8);
    }
}
