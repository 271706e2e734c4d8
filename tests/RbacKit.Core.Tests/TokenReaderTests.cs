using System.Text;
using RbacKit.TokenValidation;

namespace RbacKit.Core.Tests;

/// <summary>Direct tests of the JWS header reader, the payload reader and the validated-token cache (issue 13).</summary>
public sealed class TokenReaderTests
{
    private static readonly byte[] Issuer = "https://auth.test"u8.ToArray();
    private static readonly byte[] Audience = "cinema-api"u8.ToArray();

    private static (TokenFailure Failure, JwsAlgorithm Algorithm, bool Critical, bool AccessType, string? KeyId, TokenFailure Check) Header(string json)
    {
        var failure = JwsHeader.Read(Encoding.UTF8.GetBytes(json), out var header);
        var kid = header.KeyIdUnescaped ?? (header.HasKeyId ? Encoding.UTF8.GetString(header.KeyIdUtf8) : null);
        return (failure, header.Algorithm, header.HasCritical, header.IsAccessTokenType, kid, header.Check());
    }

    [Fact]
    public void The_header_reader_reads_alg_typ_and_kid_and_skips_the_rest()
    {
        var header = Header("""{"alg":"RS256","typ":"at+jwt","kid":"k1","jwk":{"kty":"RSA"},"x5u":"https://evil.test"}""");
        Assert.Equal((TokenFailure.None, JwsAlgorithm.RS256, false, true, "k1", TokenFailure.None), header);

        var escaped = Header("""{"alg":"ES256","typ":"application/at+jwt","kid":"k\u0031"}""");
        Assert.Equal((TokenFailure.None, JwsAlgorithm.ES256, "k1"), (escaped.Failure, escaped.Algorithm, escaped.KeyId));
    }

    [Theory]
    [InlineData("""{"alg":"RS256","alg":"RS256","typ":"at+jwt","kid":"k"}""")]
    [InlineData("""{"alg":"RS256","typ":"at+jwt","kid":"k"} {}""")]
    [InlineData("""{"alg":"RS256","typ":"at+jwt","kid":"k\ud800"}""")]
    [InlineData("""["alg"]""")]
    [InlineData("")]
    public void A_header_that_is_not_one_object_of_unique_members_is_malformed(string json) =>
        Assert.Equal(TokenFailure.Malformed, Header(json).Failure);

    [Theory]
    [InlineData("""{"alg":"none","typ":"at+jwt","kid":"k"}""", TokenFailure.UnsupportedAlgorithm)]
    [InlineData("""{"alg":256,"typ":"at+jwt","kid":"k"}""", TokenFailure.UnsupportedAlgorithm)]
    [InlineData("""{"alg":"rs256","typ":"at+jwt","kid":"k"}""", TokenFailure.UnsupportedAlgorithm)]
    [InlineData("""{"alg":"RS256","typ":"at+jwt","kid":"k","crit":["exp"]}""", TokenFailure.UnsupportedCritical)]
    [InlineData("""{"alg":"RS256","typ":"JWT","kid":"k"}""", TokenFailure.InvalidType)]
    [InlineData("""{"alg":"RS256","kid":"k"}""", TokenFailure.InvalidType)]
    [InlineData("""{"alg":"RS256","typ":"at+jwt"}""", TokenFailure.UnknownKey)]
    [InlineData("""{"alg":"RS256","typ":"at+jwt","kid":7}""", TokenFailure.UnknownKey)]
    public void Header_checks_report_the_first_failure(string json, TokenFailure expected)
    {
        var header = Header(json);
        Assert.Equal(TokenFailure.None, header.Failure);
        Assert.Equal(expected, header.Check);
    }

    private static (TokenFailure Failure, AccessTokenPayload Payload) Payload(string json)
    {
        var pool = new ClaimListCache(16);
        var failure = AccessTokenPayload.Read(Encoding.UTF8.GetBytes(json), Issuer, Audience, pool, out var payload);
        return (failure, payload);
    }

    [Fact]
    public void The_payload_reader_reads_every_claim_it_knows()
    {
        var user = Guid.CreateVersion7();
        var session = Guid.CreateVersion7();
        var (failure, payload) = Payload($$"""{"iss":"https://auth.test","aud":["x","cinema-api"],"sub":"{{user}}","sid":"{{session}}","jti":"j1","ver":3,"iat":100,"nbf":101,"exp":400.5,"roles":"user","perms":["movies:read","movies:write"],"other":[1,{"a":2}]}""");

        Assert.Equal(TokenFailure.None, failure);
        Assert.True(payload.IssuerMatches);
        Assert.True(payload.AudienceMatches);
        Assert.Equal(user, payload.UserId);
        Assert.Equal(session, payload.SessionId);
        Assert.Equal("j1", payload.TokenId);
        Assert.Equal((3L, 100L, 101L, 400L), (payload.Version, payload.IssuedAt, payload.NotBefore, payload.ExpiresAt));
        Assert.Equal(["user"], payload.Roles);
        Assert.Equal(["movies:read", "movies:write"], payload.Permissions);
    }

    [Fact]
    public void The_payload_reader_compares_issuer_and_audience_exactly()
    {
        Assert.False(Payload("""{"iss":"https://auth.test/","aud":"cinema-api"}""").Payload.IssuerMatches);
        Assert.False(Payload("""{"iss":"https://AUTH.test","aud":"cinema-api"}""").Payload.IssuerMatches);
        Assert.True(Payload("""{"iss":"https:\/\/auth.test","aud":"cinema-api"}""").Payload.IssuerMatches);
        Assert.False(Payload("""{"iss":"https://auth.test","aud":"cinema-api2"}""").Payload.AudienceMatches);
        Assert.False(Payload("""{"iss":"https://auth.test","aud":["cinema"]}""").Payload.AudienceMatches);
    }

    [Theory]
    [InlineData("""{"exp":1,"exp":2}""")]
    [InlineData("""{"exp":"1"}""")]
    [InlineData("""{"exp":1e20}""")]
    [InlineData("""{"roles":["a",1]}""")]
    [InlineData("""{"perms":{"a":1}}""")]
    [InlineData("""{"exp":1} []""")]
    [InlineData("""{"exp":1,}""")]
    public void A_payload_with_a_bad_shape_is_malformed(string json) =>
        Assert.Equal(TokenFailure.Malformed, Payload(json).Failure);

    private static ValidatedAccessToken Token(string id) => new()
    {
        UserId = Guid.CreateVersion7(),
        SessionId = Guid.CreateVersion7(),
        TokenId = id,
        KeyId = "k",
        IssuedAt = DateTimeOffset.UnixEpoch,
        NotBefore = DateTimeOffset.UnixEpoch,
        ExpiresAt = DateTimeOffset.UnixEpoch.AddMinutes(10),
        AuthorizationVersion = 1,
        Roles = [],
        Permissions = [],
    };

    [Fact]
    public void A_claim_list_seen_before_is_shared_and_without_the_cache_each_read_gets_its_own()
    {
        const string json = """{"iss":"https://auth.test","aud":"cinema-api","perms":["movies:read","movies:write"]}""";
        var cached = new ClaimListCache(16);
        AccessTokenPayload.Read(Encoding.UTF8.GetBytes(json), Issuer, Audience, cached, out var first);
        AccessTokenPayload.Read(Encoding.UTF8.GetBytes(json), Issuer, Audience, cached, out var second);
        Assert.Same(first.Permissions, second.Permissions);

        var off = new ClaimListCache(0);
        AccessTokenPayload.Read(Encoding.UTF8.GetBytes(json), Issuer, Audience, off, out var third);
        AccessTokenPayload.Read(Encoding.UTF8.GetBytes(json), Issuer, Audience, off, out var fourth);
        Assert.NotSame(third.Permissions, fourth.Permissions);
        Assert.Equal(first.Permissions, fourth.Permissions);
    }

    [Fact]
    public void A_known_header_is_remembered_only_with_a_capacity()
    {
        var headers = new KnownHeaders();
        headers.Add("eyJhbGciOiJIUzI1NiJ9"u8, JwsAlgorithm.HS256, "k1");
        Assert.True(headers.TryGet("eyJhbGciOiJIUzI1NiJ9"u8, out var known));
        Assert.Equal((JwsAlgorithm.HS256, "k1"), (known.Algorithm, known.KeyId));
        Assert.False(headers.TryGet("eyJhbGciOiJIUzI1NiJ8"u8, out _));

        var off = new KnownHeaders(0);
        off.Add("eyJhbGciOiJIUzI1NiJ9"u8, JwsAlgorithm.HS256, "k1");
        Assert.False(off.TryGet("eyJhbGciOiJIUzI1NiJ9"u8, out _));
    }

    [Fact]
    public void The_cache_finds_only_the_exact_token_text()
    {
        var cache = new ValidatedTokenCache(8);
        var signature = new string('S', 40);
        var a = "header.payloadA." + signature;
        var b = "header.payloadB." + signature; // same tail, so the same hash bucket: equality must still be the whole text
        cache.Add(a, Token("a"));

        Assert.True(cache.TryGet(a, out var hit));
        Assert.Equal("a", hit.TokenId);
        Assert.True(cache.TryGet(new string(a.AsSpan()), out _)); // another string instance with the same text
        Assert.False(cache.TryGet(b, out _));
        Assert.False(cache.TryGet(a + "x", out _));

        cache.Remove(a);
        Assert.False(cache.TryGet(a, out _));
    }

    [Fact]
    public void The_cache_stays_within_its_capacity_and_a_zero_capacity_stores_nothing()
    {
        var cache = new ValidatedTokenCache(4);
        for (var i = 0; i < 100; i++)
        {
            cache.Add($"t{i}.p.{i:D40}", Token($"{i}"));
        }

        var held = Enumerable.Range(0, 100).Count(i => cache.TryGet($"t{i}.p.{i:D40}", out _));
        Assert.InRange(held, 1, 4);
        Assert.True(cache.TryGet("t99.p." + 99.ToString("D40", System.Globalization.CultureInfo.InvariantCulture), out _)); // the newest survives a restart

        var none = new ValidatedTokenCache(0);
        none.Add("a.b.c", Token("a"));
        Assert.False(none.TryGet("a.b.c", out _));
    }
}
