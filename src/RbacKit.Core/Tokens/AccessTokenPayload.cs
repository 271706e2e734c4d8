using System.Text.Json;

namespace RbacKit.Tokens;

/// <summary>
/// The claims of an access-token payload, read in one pass with <see cref="Utf8JsonReader"/> after the signature verified.
/// <c>aud</c> may be a string or an array of strings; <c>iat</c>, <c>nbf</c>, <c>exp</c> are NumericDates (integer or
/// fractional seconds); <c>roles</c> and <c>perms</c> are arrays of strings (a single string is taken as a one-element
/// array). A registered claim given twice, or a claim of the wrong JSON type, makes the token malformed.
/// </summary>
internal struct AccessTokenPayload
{
    private const int Iss = 1, Aud = 2, Sub = 4, Sid = 8, Jti = 16, Iat = 32, Nbf = 64, Exp = 128, Ver = 256, RolesClaim = 512, PermsClaim = 1024;
    private const long MinUnixSeconds = -62_135_596_800, MaxUnixSeconds = 253_402_300_799;

    public bool IssuerMatches;
    public bool AudienceMatches;
    public Guid? UserId;
    public Guid? SessionId;
    public string? TokenId;
    public long? IssuedAt;
    public long? NotBefore;
    public long? ExpiresAt;
    public long? Version;
    public string[] Roles;
    public string[] Permissions;

    public static TokenFailure Read(ReadOnlySpan<byte> json, ReadOnlySpan<byte> issuer, ReadOnlySpan<byte> audience, StringPool pool, out AccessTokenPayload payload)
    {
        payload = new AccessTokenPayload { Roles = [], Permissions = [] };
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
                var member = Member(ref reader);
                if ((seen & member) != 0)
                {
                    return TokenFailure.Malformed;
                }

                seen |= member;
                reader.Read();
                if (!payload.ReadValue(ref reader, member, issuer, audience, pool))
                {
                    return TokenFailure.Malformed;
                }
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? TokenFailure.None : TokenFailure.Malformed;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not valid UTF-8 once unescaped.
            return TokenFailure.Malformed;
        }
    }

    private static int Member(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("iss"u8) ? Iss
        : reader.ValueTextEquals("aud"u8) ? Aud
        : reader.ValueTextEquals("sub"u8) ? Sub
        : reader.ValueTextEquals("sid"u8) ? Sid
        : reader.ValueTextEquals("jti"u8) ? Jti
        : reader.ValueTextEquals("iat"u8) ? Iat
        : reader.ValueTextEquals("nbf"u8) ? Nbf
        : reader.ValueTextEquals("exp"u8) ? Exp
        : reader.ValueTextEquals("ver"u8) ? Ver
        : reader.ValueTextEquals("roles"u8) ? RolesClaim
        : reader.ValueTextEquals("perms"u8) ? PermsClaim
        : 0;

    /// <summary>Reads the value of one member; false when it has a JSON type the claim never has.</summary>
    private bool ReadValue(ref Utf8JsonReader reader, int member, ReadOnlySpan<byte> issuer, ReadOnlySpan<byte> audience, StringPool pool)
    {
        var type = reader.TokenType;
        switch (member)
        {
            case Iss:
                IssuerMatches = type == JsonTokenType.String && reader.ValueTextEquals(issuer);
                reader.Skip();
                return true;
            case Aud:
                AudienceMatches = ReadAudience(ref reader, audience);
                return true;
            case Sub:
                UserId = ReadGuid(ref reader);
                return true;
            case Sid:
                SessionId = ReadGuid(ref reader);
                return true;
            case Jti:
                TokenId = type == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip();
                return true;
            case Iat:
                return ReadNumericDate(ref reader, out IssuedAt);
            case Nbf:
                return ReadNumericDate(ref reader, out NotBefore);
            case Exp:
                return ReadNumericDate(ref reader, out ExpiresAt);
            case Ver:
                Version = type == JsonTokenType.Number && reader.TryGetInt64(out var version) ? version : null;
                reader.Skip();
                return true;
            case RolesClaim:
                return ReadStrings(ref reader, pool, out Roles);
            case PermsClaim:
                return ReadStrings(ref reader, pool, out Permissions);
            default:
                reader.Skip();
                return true;
        }
    }

    private static bool ReadAudience(ref Utf8JsonReader reader, ReadOnlySpan<byte> audience)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.ValueTextEquals(audience);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return false;
        }

        var matches = false;
        var valid = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                matches |= reader.ValueTextEquals(audience);
            }
            else
            {
                valid = false;
                reader.Skip();
            }
        }

        return matches && valid;
    }

    private static Guid? ReadGuid(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > 68)
        {
            reader.Skip();
            return null;
        }

        Span<char> chars = stackalloc char[68];
        var length = reader.CopyString(chars);
        return Guid.TryParse(chars[..length], out var value) ? value : null;
    }

    private static bool ReadNumericDate(ref Utf8JsonReader reader, out long? seconds)
    {
        seconds = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.Number when reader.TryGetInt64(out var whole):
                seconds = whole;
                break;
            case JsonTokenType.Number when reader.TryGetDouble(out var fractional) && double.IsFinite(fractional)
                && fractional is >= MinUnixSeconds and <= MaxUnixSeconds:
                seconds = (long)Math.Floor(fractional);
                break;
            default:
                return false;
        }

        return seconds is >= MinUnixSeconds and <= MaxUnixSeconds;
    }

    private static bool ReadStrings(ref Utf8JsonReader reader, StringPool pool, out string[] values)
    {
        values = [];
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String:
                values = [pool.Get(ref reader)];
                return true;
            case JsonTokenType.StartArray:
                break;
            default:
                return false;
        }

        // Count first on a copy of the reader, so the array is allocated once at its exact size.
        var probe = reader;
        var count = 0;
        while (probe.Read() && probe.TokenType == JsonTokenType.String)
        {
            count++;
        }

        if (probe.TokenType != JsonTokenType.EndArray)
        {
            return false;
        }

        if (count == 0)
        {
            reader.Skip();
            return true;
        }

        values = new string[count];
        for (var i = 0; i < count; i++)
        {
            reader.Read();
            values[i] = pool.Get(ref reader);
        }

        reader.Read();
        return true;
    }
}
