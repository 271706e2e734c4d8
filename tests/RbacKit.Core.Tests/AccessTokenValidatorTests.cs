using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using RbacKit.Keys;
using RbacKit.TokenValidation;
using RbacKit.Tokens;

namespace RbacKit.Core.Tests;

/// <summary>The purpose-built validator's parsing rules: JSON shapes, duplicates, escapes, lengths, key sources, allocation.</summary>
public sealed partial class AccessTokenValidatorTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private IAccessTokenValidator _validator = null!;
    private string _kid = null!;
    private RSA _rsa = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.CreateAsync();
        _validator = _host.Get<IAccessTokenValidator>();
        var ring = _host.Get<IKeyRing>();
        await ring.InitializeAsync(default);
        var current = await ring.GetCurrentAsync(default);
        _kid = current.KeyId;
        _rsa = ((RsaSecurityKey)current.Key).Rsa;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private long Now => _host.Time.GetUtcNow().ToUnixTimeSeconds();

    private static string B64(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    private string Header(string? extra = null) => $$"""{"alg":"RS256","typ":"at+jwt","kid":"{{_kid}}"{{extra}}}""";

    private string Claims(string? aud = null, string? sub = null, string? exp = null, string? extra = null) =>
        $$"""{"iss":"https://auth.test","aud":{{aud ?? "\"cinema-api\""}},"sub":{{sub ?? $"\"{Guid.CreateVersion7()}\""}},"sid":"{{Guid.CreateVersion7()}}","jti":"j1","ver":2,"iat":{{Now}},"nbf":{{Now}},"exp":{{exp ?? (Now + 300).ToString(System.Globalization.CultureInfo.InvariantCulture)}}{{extra}}}""";

    private string Sign(string header, string payload, RSA? key = null)
    {
        var input = $"{B64(header)}.{B64(payload)}";
        return $"{input}.{Base64UrlEncoder.Encode((key ?? _rsa).SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))}";
    }

    private async Task<AccessTokenValidationResult> ValidateAsync(string token) => await _validator.ValidateAsync(token, default);

    [Fact]
    public async Task A_hand_signed_token_with_every_claim_is_valid() =>
        Assert.True((await ValidateAsync(Sign(Header(), Claims()))).IsValid);

    [Fact]
    public async Task Aud_may_be_an_array_that_contains_the_audience()
    {
        Assert.True((await ValidateAsync(Sign(Header(), Claims(aud: """["other-api","cinema-api"]""")))).IsValid);
        Assert.Equal(TokenFailure.InvalidAudience, (await ValidateAsync(Sign(Header(), Claims(aud: """["other-api"]""")))).Failure);
        Assert.Equal(TokenFailure.InvalidAudience, (await ValidateAsync(Sign(Header(), Claims(aud: "[]")))).Failure);
        Assert.Equal(TokenFailure.InvalidAudience, (await ValidateAsync(Sign(Header(), Claims(aud: """["cinema-api",1]""")))).Failure);
        Assert.Equal(TokenFailure.InvalidAudience, (await ValidateAsync(Sign(Header(), Claims(aud: "42")))).Failure);
        Assert.Equal(TokenFailure.InvalidAudience, (await ValidateAsync(Sign(Header(), Claims(aud: """{"aud":"cinema-api"}""")))).Failure);
    }

    [Theory]
    [InlineData("""
        ,"exp":1
        """)]
    [InlineData("""
        ,"sub":"00000000-0000-0000-0000-000000000001"
        """)]
    [InlineData("""
        ,"aud":"cinema-api"
        """)]
    [InlineData("""
        ,"\u0069ss":"https://auth.test"
        """)]
    public async Task A_claim_given_twice_is_malformed(string duplicate) =>
        Assert.Equal(TokenFailure.Malformed, (await ValidateAsync(Sign(Header(), Claims(extra: duplicate)))).Failure);

    [Fact]
    public async Task A_header_member_given_twice_is_malformed()
    {
        Assert.Equal(TokenFailure.Malformed, (await ValidateAsync(Sign(Header(""","alg":"none" """), Claims()))).Failure);
        Assert.Equal(TokenFailure.Malformed, (await ValidateAsync(Sign(Header(""","kid":"other" """), Claims()))).Failure);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("\"not-a-guid\"")]
    [InlineData("null")]
    [InlineData("[\"00000000-0000-0000-0000-000000000001\"]")]
    public async Task A_sub_that_is_not_a_guid_string_is_a_missing_claim(string sub) =>
        Assert.Equal(TokenFailure.MissingClaim, (await ValidateAsync(Sign(Header(), Claims(sub: sub)))).Failure);

    [Fact]
    public async Task Escaped_names_and_values_are_read_as_their_text()
    {
        var kid = string.Concat(_kid.Select(c => $"\\u{(int)c:x4}"));
        var header = $$"""{"\u0061lg":"RS256","typ":"AT+JWT","kid":"{{kid}}"}""";
        var payload = Claims(extra: ""","perms":["movies:r\u0065ad"]""").Replace("\"iss\":\"https://auth.test\"", "\"iss\":\"https:\\/\\/auth.test\"", StringComparison.Ordinal);
        var result = await ValidateAsync(Sign(header, payload));
        Assert.True(result.IsValid, result.Failure.ToString());
        Assert.Equal(["movies:read"], result.Token.Permissions);
        Assert.Equal(_kid, result.Token.KeyId);
    }

    [Theory]
    [InlineData("1e20", TokenFailure.Malformed)]
    [InlineData("-1e20", TokenFailure.Malformed)]
    [InlineData("\"1700000000\"", TokenFailure.Malformed)]
    [InlineData("true", TokenFailure.Malformed)]
    [InlineData("null", TokenFailure.Expired)]
    public async Task Exp_must_be_a_numeric_date_in_range(string exp, TokenFailure expected) =>
        Assert.Equal(expected, (await ValidateAsync(Sign(Header(), Claims(exp: exp)))).Failure);

    [Fact]
    public async Task A_fractional_exp_is_accepted()
    {
        var result = await ValidateAsync(Sign(Header(), Claims(exp: $"{Now + 300}.75")));
        Assert.True(result.IsValid, result.Failure.ToString());
        Assert.Equal(Now + 300, result.Token.ExpiresAt.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Roles_and_perms_are_string_arrays_or_one_string()
    {
        var single = await ValidateAsync(Sign(Header(), Claims(extra: ""","roles":"user","perms":[]""")));
        Assert.True(single.IsValid, single.Failure.ToString());
        Assert.Equal(["user"], single.Token.Roles);
        Assert.Empty(single.Token.Permissions);
        Assert.Equal(TokenFailure.Malformed, (await ValidateAsync(Sign(Header(), Claims(extra: ""","roles":["user",1]""")))).Failure);
        Assert.Equal(TokenFailure.Malformed, (await ValidateAsync(Sign(Header(), Claims(extra: ""","perms":{"a":1}""")))).Failure);
    }

    [Fact]
    public async Task Claim_lists_seen_before_read_the_same_and_what_follows_them_is_still_checked()
    {
        // The second sight of a list is found by its text: the same lists, also with ']' or escapes inside the strings.
        const string Lists = ""","roles":["user","x]y"],"perms":["movies:read","a\"]b","us\u0065r"]""";
        for (var i = 0; i < 3; i++)
        {
            var result = await ValidateAsync(Sign(Header(), Claims(extra: Lists)));
            Assert.True(result.IsValid, result.Failure.ToString());
            Assert.Equal(["user", "x]y"], result.Token.Roles);
            Assert.Equal(["movies:read", "a\"]b", "user"], result.Token.Permissions);
            var plain = await ValidateAsync(Sign(Header(), Claims(extra: ""","roles":["user"],"perms":["movies:read"]""")));
            Assert.True(plain.IsValid, plain.Failure.ToString());
            Assert.Equal(["user"], plain.Token.Roles);
            Assert.Equal(["movies:read"], plain.Token.Permissions);
        }

        // A known list followed by anything a JSON object does not allow, or given twice, is still malformed.
        foreach (var extra in new[] { ""","roles":["user"]]""", ""","roles":["user"] "x":1""", ""","roles":["user"],"roles":["user"]""", ""","perms":["movies:read"],""", ""","roles":["user"]}}""" })
        {
            Assert.Equal(TokenFailure.Malformed, (await ValidateAsync(Sign(Header(), Claims(extra: extra)))).Failure);
        }

        var last = await ValidateAsync(Sign(Header(), $$"""{"roles":["user"],"perms":["movies:read"],{{Claims()[1..]}}"""));
        Assert.True(last.IsValid, last.Failure.ToString());
        Assert.Equal(["user"], last.Token.Roles);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"alg\":\"RS256\"} {}")]
    [InlineData("{\"alg\":\"RS256\",}")]
    [InlineData("{\"alg\":\"RS256\" /* comment */}")]
    public async Task A_header_that_is_not_one_json_object_is_malformed(string header) =>
        Assert.Equal(TokenFailure.Malformed, (await ValidateAsync(Sign(header, Claims()))).Failure);

    [Fact]
    public async Task A_payload_that_is_not_one_json_object_is_malformed()
    {
        Assert.Equal(TokenFailure.Malformed, (await ValidateAsync(Sign(Header(), Claims() + " {}"))).Failure);
        Assert.Equal(TokenFailure.Malformed, (await ValidateAsync(Sign(Header(), "[1,2]"))).Failure);
    }

    [Fact]
    public async Task Strings_that_are_not_valid_utf8_are_refused_not_an_exception()
    {
        // A jti with a raw 0xFF byte, and an escaped kid with one: both must be refused without throwing.
        var claims = Encoding.UTF8.GetBytes(Claims().Replace("\"jti\":\"j1\"", "\"jti\":\"j?\"", StringComparison.Ordinal));
        claims[Array.IndexOf(claims, (byte)'?')] = 0xFF;
        var input = $"{B64(Header())}.{Base64UrlEncoder.Encode(claims)}";
        Assert.Equal(TokenFailure.InvalidEncoding, (await ValidateAsync(SignInput(input))).Failure);

        var header = Encoding.UTF8.GetBytes(Header().Replace($"\"kid\":\"{_kid}\"", "\"kid\":\"\\u0041?\"", StringComparison.Ordinal));
        header[Array.IndexOf(header, (byte)'?')] = 0xFF;
        Assert.Equal(TokenFailure.InvalidEncoding, (await ValidateAsync(SignInput($"{Base64UrlEncoder.Encode(header)}.{B64(Claims())}"))).Failure);
    }

    private string SignInput(string input) =>
        $"{input}.{Base64UrlEncoder.Encode(_rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))}";

    [Fact]
    public async Task A_segment_that_is_not_base64url_of_any_length_is_malformed()
    {
        var token = Sign(Header(), Claims());
        var parts = token.Split('.');
        Assert.Equal(TokenFailure.Malformed, (await ValidateAsync($"{parts[0]}.{parts[1]}.{parts[2]}.")).Failure);
        Assert.Equal(TokenFailure.Malformed, (await ValidateAsync($"{parts[0]}.{parts[1]}+.{parts[2]}")).Failure);
        Assert.Equal(TokenFailure.Malformed, (await ValidateAsync($"{parts[0]}.{parts[1]}=.{parts[2]}")).Failure);
        Assert.Equal(TokenFailure.Malformed, (await ValidateAsync($"{parts[0]}.{parts[1]}.{parts[2]}=")).Failure);
    }

    [Fact]
    public async Task A_signature_of_the_wrong_length_is_invalid_before_any_cryptography()
    {
        var token = Sign(Header(), Claims());
        var cut = token.LastIndexOf('.');
        var signature = Base64UrlEncoder.DecodeBytes(token[(cut + 1)..]);
        Assert.Equal(TokenFailure.InvalidSignature, (await ValidateAsync($"{token[..cut]}.{Base64UrlEncoder.Encode(signature[..^1])}")).Failure);
        Assert.Equal(TokenFailure.InvalidSignature, (await ValidateAsync($"{token[..cut]}.{Base64UrlEncoder.Encode([.. signature, 0])}")).Failure);
        Assert.Equal(TokenFailure.InvalidSignature, (await ValidateAsync($"{token[..cut]}.{new string('A', 6000)}")).Failure);
    }

    [Fact]
    public async Task An_es256_signature_in_der_form_or_of_another_length_is_invalid()
    {
        await using var host = await TestHost.CreateAsync(o => o.Tokens.Algorithm = "ES256");
        var ring = host.Get<IKeyRing>();
        await ring.InitializeAsync(default);
        var current = await ring.GetCurrentAsync(default);
        var ec = ((ECDsaSecurityKey)current.Key).ECDsa;
        var input = $"{B64($$"""{"alg":"ES256","typ":"at+jwt","kid":"{{current.KeyId}}"}""")}.{B64(Claims())}";
        var data = Encoding.ASCII.GetBytes(input);
        var validator = host.Get<IAccessTokenValidator>();
        var p1363 = ec.SignData(data, HashAlgorithmName.SHA256);
        Assert.True((await validator.ValidateAsync($"{input}.{Base64UrlEncoder.Encode(p1363)}", default)).IsValid);
        var der = ec.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        Assert.Equal(TokenFailure.InvalidSignature, (await validator.ValidateAsync($"{input}.{Base64UrlEncoder.Encode(der)}", default)).Failure);
        Assert.Equal(TokenFailure.InvalidSignature, (await validator.ValidateAsync($"{input}.{Base64UrlEncoder.Encode(p1363[..63])}", default)).Failure);
    }

    [Fact]
    public async Task An_hs256_mac_of_the_wrong_length_is_invalid()
    {
        await using var host = await TestHost.CreateAsync(o => o.Tokens.Algorithm = "HS256");
        var ring = host.Get<IKeyRing>();
        await ring.InitializeAsync(default);
        var current = await ring.GetCurrentAsync(default);
        var input = $"{B64($$"""{"alg":"HS256","typ":"at+jwt","kid":"{{current.KeyId}}"}""")}.{B64(Claims())}";
        var mac = HMACSHA256.HashData(((SymmetricSecurityKey)current.Key).Key, Encoding.ASCII.GetBytes(input));
        var validator = host.Get<IAccessTokenValidator>();
        Assert.True((await validator.ValidateAsync($"{input}.{Base64UrlEncoder.Encode(mac)}", default)).IsValid);
        Assert.Equal(TokenFailure.InvalidSignature, (await validator.ValidateAsync($"{input}.{Base64UrlEncoder.Encode(mac[..16])}", default)).Failure);
        Assert.Equal(TokenFailure.InvalidSignature, (await validator.ValidateAsync($"{input}.{Base64UrlEncoder.Encode([.. mac, .. mac])}", default)).Failure);
    }

    [Fact]
    public async Task Large_segments_near_the_size_limit_use_pooled_buffers_and_still_validate()
    {
        // About 7 KB of token: more than the validator keeps on the stack.
        var padding = new string('x', 2500);
        var token = Sign(Header($$""","x-pad":"{{padding}}" """), Claims(extra: $$""","x-pad":"{{padding}}" """));
        Assert.InRange(token.Length, 6000, 8192);
        var result = await ValidateAsync(token);
        Assert.True(result.IsValid, result.Failure.ToString());

        var tooLarge = Sign(Header(), Claims(extra: $$""","x-pad":"{{new string('x', 6500)}}" """));
        Assert.Equal(TokenFailure.TooLarge, (await ValidateAsync(tooLarge)).Failure);
    }

    [Fact]
    public async Task A_cache_hit_allocates_nothing()
    {
        var token = Sign(Header(), Claims());
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await ValidateAsync(token)).IsValid);
        }

        await AssertValidWithoutAllocatingAsync(() => _validator.ValidateAsync(token, default));
    }

    /// <summary>A warm validation completes synchronously, is valid, and allocates nothing on this thread.</summary>
    private static async Task AssertValidWithoutAllocatingAsync(Func<ValueTask<AccessTokenValidationResult>> validate)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var pending = validate();
        var after = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(pending.IsCompletedSuccessfully);
        Assert.True((await pending).IsValid);
        Assert.Equal(0, after - before);
    }

    [Fact]
    public async Task A_first_seen_validation_allocates_under_one_kilobyte()
    {
        await using var host = await TestHost.CreateAsync(o => o.Tokens.ValidatedTokenCacheSize = 0);
        await host.Get<IKeyRing>().InitializeAsync(default);
        var token = (await host.Get<IAccessTokenIssuer>().IssueAsync(new(Guid.CreateVersion7(), Guid.CreateVersion7(), 1, ["moderator", "user"], ["movies:read", "movies:write", "series:read"]), default)).Token;
        var validator = host.Get<IAccessTokenValidator>();
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await validator.ValidateAsync(token, default)).IsValid);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var pending = validator.ValidateAsync(token, default);
        var after = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(pending.IsCompletedSuccessfully);
        Assert.True((await pending).IsValid);
        Assert.InRange(after - before, 1, 1024);
    }

    [Fact]
    public async Task The_same_token_twice_with_the_cache_off_gives_equal_claims()
    {
        await using var host = await TestHost.CreateAsync(o => o.Tokens.ValidatedTokenCacheSize = 0);
        await host.Get<IKeyRing>().InitializeAsync(default);
        var token = (await host.Get<IAccessTokenIssuer>().IssueAsync(new(Guid.CreateVersion7(), Guid.CreateVersion7(), 1, ["user"], ["movies:read"]), default)).Token;
        var validator = host.Get<IAccessTokenValidator>();
        var first = await validator.ValidateAsync(token, default);
        var second = await validator.ValidateAsync(token, default);
        Assert.NotSame(first.Token, second.Token);
        Assert.Equal(first.Token!.TokenId, second.Token!.TokenId);
        Assert.Same(first.Token.Roles[0], second.Token.Roles[0]);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("ES256")]
    [InlineData("HS256")]
    public async Task Issued_tokens_validate_with_json_web_token_handler_too(string algorithm)
    {
        await using var host = await TestHost.CreateAsync(o => o.Tokens.Algorithm = algorithm);
        var ring = host.Get<IKeyRing>();
        await ring.InitializeAsync(default);
        var key = (await ring.GetCurrentAsync(default)).Key;
        var token = (await host.Get<IAccessTokenIssuer>().IssueAsync(new(Guid.CreateVersion7(), Guid.CreateVersion7(), 4, ["user"], ["movies:read"]), default)).Token;
        var result = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "https://auth.test",
            ValidAudience = "cinema-api",
            IssuerSigningKey = key,
            ValidAlgorithms = [algorithm],
            ValidTypes = ["at+jwt"],
            LifetimeValidator = (_, _, _, _) => true,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(4L, Convert.ToInt64(result.Claims["ver"], System.Globalization.CultureInfo.InvariantCulture));
    }
}
