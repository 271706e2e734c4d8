using System.Buffers.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace RbacKit.TokenValidation;

/// <summary>
/// The claims of an access-token payload, read in one pass with <see cref="Utf8JsonReader"/> after the signature verified.
/// <c>aud</c> may be a string or an array of strings; <c>iat</c>, <c>nbf</c>, <c>exp</c> are NumericDates (integer or
/// fractional seconds); <c>roles</c> and <c>perms</c> are arrays of strings (a single string is taken as a one-element
/// array). A registered claim given twice, or a claim of the wrong JSON type, makes the token malformed.
/// </summary>
internal partial struct AccessTokenPayload
{
    private const int Iss = 1, Aud = 2, Sub = 4, Sid = 8, Jti = 16, Iat = 32, Nbf = 64, Exp = 128, Ver = 256, RolesClaim = 512, PermsClaim = 1024, ClientIdClaim = 2048;
    private const long MinUnixSeconds = -62_135_596_800, MaxUnixSeconds = 253_402_300_799;

    public bool IssuerMatches;
    public bool AudienceMatches;
    public Guid? UserId;
    /// <summary><c>sub</c> when it is not a UUID (an OAuth client's token: its <c>client_id</c>).</summary>
    public string? Subject;
    public string? ClientId;
    public Guid? SessionId;
    public string? TokenId;
    public long? IssuedAt;
    public long? NotBefore;
    public long? ExpiresAt;
    public long? Version;
    public IReadOnlyList<string> Roles;
    public IReadOnlyList<string> Permissions;

    /// <summary>The reader state right after an array that is a member's value in the top-level object.</summary>
    private static readonly JsonReaderState AfterArrayMember = StateAfterArrayMember();

    /// <summary>
    /// Reads the claims of <paramref name="json"/>: <see cref="TokenFailure.InvalidEncoding"/> unless it is valid UTF-8
    /// (checked here, because the compact reader decodes strings without checking them). The compact form the issuer
    /// writes is read by <see cref="TryReadCompact"/>; everything else, and every failure, by <see cref="ReadGeneral"/>.
    /// </summary>
    public static TokenFailure Read(ReadOnlySpan<byte> json, ReadOnlySpan<byte> issuer, ReadOnlySpan<byte> audience, ClaimListCache pool, out AccessTokenPayload payload)
    {
        if (!Utf8.IsValid(json))
        {
            payload = new AccessTokenPayload { Roles = [], Permissions = [] };
            return TokenFailure.InvalidEncoding;
        }

        return TryReadCompact(json, issuer, audience, pool, out payload) ? TokenFailure.None : ReadGeneral(json, issuer, audience, pool, out payload);
    }

    /// <summary>The reader of any JSON with <see cref="Utf8JsonReader"/>: the authority on what a payload means.</summary>
    internal static TokenFailure ReadGeneral(ReadOnlySpan<byte> json, ReadOnlySpan<byte> issuer, ReadOnlySpan<byte> audience, ClaimListCache pool, out AccessTokenPayload payload)
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
            var rest = json;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = JsonNames.Read(ref reader);
                var member = name == 0 && reader.ValueTextEquals("client_id"u8) ? ClientIdClaim : Member(name);
                if ((seen & member) != 0)
                {
                    return TokenFailure.Malformed;
                }

                seen |= member;
                reader.Read();
                if (member is RolesClaim or PermsClaim && reader.TokenType == JsonTokenType.StartArray && pool.Capacity > 0)
                {
                    var start = (int)reader.TokenStartIndex;
                    if (pool.TryFind(rest[start..], out var length, out var list))
                    {
                        // A list read before: go on after it with a fresh reader in the state that follows an array member.
                        if (member == RolesClaim)
                        {
                            payload.Roles = list;
                        }
                        else
                        {
                            payload.Permissions = list;
                        }

                        rest = rest[(start + length)..];
                        reader = new Utf8JsonReader(rest, isFinalBlock: true, AfterArrayMember);
                        continue;
                    }
                }

                if (!payload.ReadValue(rest, ref reader, member, issuer, audience, pool))
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

    private static JsonReaderState StateAfterArrayMember()
    {
        var reader = new Utf8JsonReader("{\"a\":[]"u8, isFinalBlock: false, default);
        for (var i = 0; i < 4; i++)
        {
            reader.Read();
        }

        return reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == 1
            ? reader.CurrentState
            : throw new InvalidOperationException("Unexpected reader state.");
    }

    private static int Member(ulong name) => name switch
    {
        JsonNames.Iss => Iss,
        JsonNames.Aud => Aud,
        JsonNames.Sub => Sub,
        JsonNames.Sid => Sid,
        JsonNames.Jti => Jti,
        JsonNames.Iat => Iat,
        JsonNames.Nbf => Nbf,
        JsonNames.Exp => Exp,
        JsonNames.Ver => Ver,
        JsonNames.Roles => RolesClaim,
        JsonNames.Perms => PermsClaim,
        _ => 0,
    };

    /// <summary>Reads the value of one member; false when it has a JSON type the claim never has.</summary>
    private bool ReadValue(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, int member, ReadOnlySpan<byte> issuer, ReadOnlySpan<byte> audience, ClaimListCache pool)
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
                if (type == JsonTokenType.String && reader.ValueSpan.Length is not (36 or > 68))
                {
                    // Not the UUID form of a user's sub: keep the text (an OAuth client's id), bounded.
                    Subject = reader.ValueSpan.Length <= 256 ? reader.GetString() : null;
                    UserId = Subject is not null && Guid.TryParse(Subject, out var parsed) ? parsed : null;
                    return true;
                }

                UserId = ReadGuid(ref reader);
                return true;
            case ClientIdClaim:
                ClientId = type == JsonTokenType.String && reader.ValueSpan.Length <= 256 ? reader.GetString() : null;
                reader.Skip();
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
                return ReadStrings(json, ref reader, pool, out Roles);
            case PermsClaim:
                return ReadStrings(json, ref reader, pool, out Permissions);
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

        // The issuer writes the 36-character form; anything else Guid.TryParse accepts is read the slow way.
        if (!reader.ValueIsEscaped && Utf8Parser.TryParse(reader.ValueSpan, out Guid fast, out var consumed, 'D') && consumed == reader.ValueSpan.Length)
        {
            return fast;
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

    private static bool ReadStrings(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, ClaimListCache pool, out IReadOnlyList<string> values)
    {
        values = [];
        return reader.TokenType switch
        {
            JsonTokenType.Null => true,
            JsonTokenType.String => ClaimListCache.TryReadOne(ref reader, out values),
            JsonTokenType.StartArray => pool.TryRead(json, ref reader, out values),
            _ => false,
        };
    }
}
