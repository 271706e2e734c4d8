using System.Buffers.Text;
using System.Text;
using RbacKit.Tokens;
using RbacKit.TokenValidation;

namespace RbacKit.Core.Tests;

/// <summary>
/// The compact payload reader (issue 19's HS256 fast path) against the general <see cref="System.Text.Json.Utf8JsonReader"/>
/// one: whatever the compact reader accepts, the general reader accepts with the same claims. The issuer's own tokens must
/// take the compact path, or the fast path would be dead code and the property empty.
/// </summary>
public sealed partial class CompactPayloadReaderTests
{
    private const string Issuer = "https://auth.test";
    private const string Audience = "cinema-api";
    private static readonly byte[] IssuerUtf8 = Encoding.UTF8.GetBytes(Issuer);
    private static readonly byte[] AudienceUtf8 = Encoding.UTF8.GetBytes(Audience);
    private static readonly Guid User = Guid.Parse("0192f5c4-7a31-7cc2-9d3e-5b8a1f2e4c6d");
    private static readonly Guid Session = Guid.Parse("0192f5c4-7a31-7cc2-9d3e-5b8a1f2e4c6e");

    private static readonly string UserPayload =
        $$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","sub":"{{User}}","sid":"{{Session}}","client_id":"cinema-web","jti":"AbC-12_x","ver":7,"roles":["moderator","user"],"perms":["movies:read","movies:write","reviews:moderate"],"iat":1764800000,"nbf":1764800000,"exp":1764800900}""";

    private static readonly string ClientPayload =
        $$"""{"iss":"{{Issuer}}","aud":"{{Audience}}","sub":"svc-billing","client_id":"svc-billing","jti":"Zz9","ver":2,"perms":["movies:read"],"iat":1764800000,"nbf":1764800000,"exp":1764800900}""";

    /// <summary>Inputs near the compact form: each either stays compact or must be left to the general reader.</summary>
    public static TheoryData<string> Corpus => new(
        UserPayload,
        ClientPayload,
        "{}",
        """{"iss":"https://auth.test"}""",
        """{"iss":"https://auth.test","iss":"https://auth.test"}""",
        """{"iss":"https://auth.tes\u0074"}""",
        """{"iss": "https://auth.test"}""",
        """{"iss":"https://auth.test"} """,
        """{"iss":"https://auth.test"}{}""",
        """{"iss":"https://auth.test",}""",
        """{"iss":7}""",
        """{"aud":["cinema-api"]}""",
        """{"aud":"other"}""",
        """{"sub":"0192F5C4-7A31-7CC2-9D3E-5B8A1F2E4C6D"}""",
        """{"sub":"0192f5c47a317cc29d3e5b8a1f2e4c6d"}""",
        """{"sub":"{0192f5c4-7a31-7cc2-9d3e-5b8a1f2e4c6d}"}""",
        """{"sub":"0192f5c4-7a31-7cc2-9d3e-5b8a1f2e4c6x"}""",
        """{"sub":"  0192f5c47a317cc29d3e5b8a1f2e4c6d  "}""",
        """{"sub":""}""",
        """{"sub":"é-client"}""",
        """{"sid":"not-a-guid"}""",
        """{"sid":null}""",
        """{"client_id":""}""",
        """{"client_id":7}""",
        """{"jti":""}""",
        """{"exp":0}""",
        """{"exp":00}""",
        """{"exp":01}""",
        """{"exp":-1}""",
        """{"exp":1.5}""",
        """{"exp":1e3}""",
        """{"exp":253402300799}""",
        """{"exp":253402300800}""",
        """{"exp":123456789012345678}""",
        """{"exp":1234567890123456789}""",
        """{"exp":null}""",
        """{"exp":"1"}""",
        """{"ver":999999999999999999}""",
        """{"ver":true}""",
        """{"roles":[]}""",
        """{"roles":["a]b","c"]}""",
        """{"roles":["a","b",]}""",
        """{"roles":["a",1]}""",
        """{"roles":"user"}""",
        """{"roles":[["a"]]}""",
        """{"perms":["movies:read"],"perms":[]}""",
        """{"other":[1,{"a":2}],"iss":"https://auth.test"}""",
        """{"other":["x"],"other":"y","n":5}""",
        """{"other":{}}""",
        """{"a\u0000":1}""",
        "{\"iss\":\"https://auth.test\u0001\"}",
        """{"iss":"https://auth.test""",
        """{"iss":""",
        """{"iss""",
        """{""",
        """[]""",
        """{"exp":1""",
        """{"":1,"":"x","":[]}""",
        """{"client_i":"x","client_idx":"y","abcdefgh":7,"abcdefg":8}""",
        """{"client_id":"a","client_id":"b"}""",
        """{"client\u005fid":"a"}""",
        """{"ïss":"https://auth.test","éééé":["a"]}""",
        """{"sid":"0192F5C4-7A31-7CC2-9D3E-5B8A1F2E4C6D"}""",
        """{"sid":"{0192f5c4-7a31-7cc2-9d3e-5b8a1f2e4c6d}"}""",
        """{"sub":"+192f5c4-7a31-7cc2-9d3e-5b8a1f2e4c6d"}""",
        """{"sub":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""",
        """{"sub":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""",
        """{"sub":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""",
        """{"ver":1234567890123456789,"x":99999999999999999999}""",
        """{"x":["a]"],"roles":["a]"],"perms":["a"]}""",
        """{"roles":["[","]"],"perms":["\u005d"]}""",
        """{"roles":[ "a"],"perms":["a"]}""",
        """{"x":[["a"]],"roles":["a"]}""");

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Whatever_the_compact_reader_accepts_the_general_reader_reads_the_same(string json) =>
        AssertAgree(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Read_refuses_a_payload_that_is_not_UTF8_before_either_reader_sees_it()
    {
        // A lone continuation byte inside a role: the compact reader would decode it to U+FFFD and remember the list.
        byte[] json = [.. "{\"roles\":[\"a"u8, 0x80, .. "\"]}"u8];
        var pool = new ClaimListCache(16);

        Assert.Equal(TokenFailure.InvalidEncoding, AccessTokenPayload.Read(json, IssuerUtf8, AudienceUtf8, pool, out var payload));
        Assert.Empty(payload.Roles);
        Assert.False(pool.TryGet(json.AsSpan(9, json.Length - 10), out _));
    }

    [Fact]
    public void The_issuers_payloads_take_the_compact_path()
    {
        foreach (var json in new[] { UserPayload, ClientPayload })
        {
            Assert.True(AccessTokenPayload.TryReadCompact(Encoding.UTF8.GetBytes(json), IssuerUtf8, AudienceUtf8, new ClaimListCache(16), out var payload));
            Assert.True(payload.IssuerMatches && payload.AudienceMatches);
        }
    }

    [Fact]
    public async Task Tokens_the_issuer_signs_take_the_compact_path_for_users_and_clients()
    {
        await using var host = await TestHost.CreateAsync();
        var issuer = host.Get<IAccessTokenIssuer>();
        var options = host.Get<Microsoft.Extensions.Options.IOptions<AccessTokenValidationOptions>>().Value;
        var user = await issuer.IssueAsync(new AccessTokenSubject(User, Session, 3, ["user", "rôle \"quoted\""], ["movies:read"]), default);
        var client = await issuer.IssueForClientAsync(new ClientTokenSubject("svc-billing", 1, ["movies:read"]), default);

        var compactUser = Compact(user.Token, options, out var userPayload);
        var compactClient = Compact(client.Token, options, out var clientPayload);

        // A role with a quote is escaped by the writer: that token is left to the general reader, and reads the same.
        Assert.False(compactUser);
        Assert.True(compactClient);
        Assert.Equal("svc-billing", clientPayload.ClientId);
        Assert.Equal(User, userPayload.UserId);

        var plain = await issuer.IssueAsync(new AccessTokenSubject(User, Session, 3, ["user"], ["movies:read"]), default);
        Assert.True(Compact(plain.Token, options, out var plainPayload));
        Assert.Equal((User, Session, 3L), (plainPayload.UserId, plainPayload.SessionId, plainPayload.Version));
        Assert.True(plainPayload.IssuerMatches && plainPayload.AudienceMatches);
    }


    private static bool Compact(string token, AccessTokenValidationOptions options, out AccessTokenPayload payload)
    {
        var parts = token.Split('.');
        var json = Base64Url.DecodeFromChars(parts[1]);
        var compact = AccessTokenPayload.TryReadCompact(json, Encoding.UTF8.GetBytes(options.Issuer), Encoding.UTF8.GetBytes(options.Audience), new ClaimListCache(16), out payload);
        Assert.Equal(TokenFailure.None, AccessTokenPayload.ReadGeneral(json, Encoding.UTF8.GetBytes(options.Issuer), Encoding.UTF8.GetBytes(options.Audience), new ClaimListCache(16), out var general));
        if (compact)
        {
            AssertSame(general, payload);
        }
        else
        {
            payload = general;
        }

        return compact;
    }

    /// <summary>True when the compact reader accepted (and the general reader agreed); the pools start empty, then warm.</summary>
    private static bool AssertAgree(byte[] json)
    {
        var generalPool = new ClaimListCache(16);
        var compactPool = new ClaimListCache(16);
        var failure = AccessTokenPayload.ReadGeneral(json, IssuerUtf8, AudienceUtf8, generalPool, out var general);
        var compact = AccessTokenPayload.TryReadCompact(json, IssuerUtf8, AudienceUtf8, compactPool, out var fast);
        if (!compact)
        {
            // And Read, the entry point, gives the general answer.
            Assert.Equal(failure, AccessTokenPayload.Read(json, IssuerUtf8, AudienceUtf8, new ClaimListCache(16), out _));
            return false;
        }

        var text = Encoding.UTF8.GetString(json);
        Assert.True(failure == TokenFailure.None, $"compact accepted what the general reader refused ({failure}): {text}");
        AssertSame(general, fast);

        // A second read hits the warm list caches of both, and still agrees.
        Assert.True(AccessTokenPayload.TryReadCompact(json, IssuerUtf8, AudienceUtf8, compactPool, out var again));
        Assert.Equal(TokenFailure.None, AccessTokenPayload.ReadGeneral(json, IssuerUtf8, AudienceUtf8, generalPool, out var generalAgain));
        AssertSame(generalAgain, again);
        return true;
    }

    private static void AssertSame(AccessTokenPayload expected, AccessTokenPayload actual)
    {
        Assert.Equal(
            (expected.IssuerMatches, expected.AudienceMatches, expected.UserId, expected.Subject, expected.ClientId, expected.SessionId, expected.TokenId),
            (actual.IssuerMatches, actual.AudienceMatches, actual.UserId, actual.Subject, actual.ClientId, actual.SessionId, actual.TokenId));
        Assert.Equal(
            (expected.IssuedAt, expected.NotBefore, expected.ExpiresAt, expected.Version),
            (actual.IssuedAt, actual.NotBefore, actual.ExpiresAt, actual.Version));
        Assert.Equal(expected.Roles, actual.Roles);
        Assert.Equal(expected.Permissions, actual.Permissions);
    }
}
