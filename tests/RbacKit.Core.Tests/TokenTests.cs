using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using RbacKit.Keys;
using RbacKit.TokenValidation;
using RbacKit.Tokens;

namespace RbacKit.Core.Tests;

public sealed class TokenTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private IAccessTokenIssuer _issuer = null!;
    private IAccessTokenValidator _validator = null!;
    private IKeyRing _ring = null!;

    public async Task InitializeAsync()
    {
        _host = await TestHost.CreateAsync();
        _issuer = _host.Get<IAccessTokenIssuer>();
        _validator = _host.Get<IAccessTokenValidator>();
        _ring = _host.Get<IKeyRing>();
        await _ring.InitializeAsync(default);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static AccessTokenSubject Subject() => new(Guid.CreateVersion7(), Guid.CreateVersion7(), 3, ["user"], ["movies:read"]);

    private async Task<string> IssueAsync() => (await _issuer.IssueAsync(Subject(), default)).Token;

    private Task<AccessTokenValidationResult> ValidateAsync(string token) => _validator.ValidateAsync(token, default).AsTask();

    private static string B64(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    private static string Segment(string token, int index) => token.Split('.')[index];

    private static Dictionary<string, object?> Decode(string segment) =>
        JsonSerializer.Deserialize<Dictionary<string, object?>>(Base64UrlEncoder.Decode(segment))!;

    private async Task<(string Kid, RSA Rsa)> CurrentRsaAsync()
    {
        var current = await _ring.GetCurrentAsync(default);
        return (current.KeyId, ((RsaSecurityKey)current.Key).Rsa);
    }

    private static string SignHmac(string header, string payload, byte[] key)
    {
        var input = $"{B64(header)}.{B64(payload)}";
        return $"{input}.{Base64UrlEncoder.Encode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(input)))}";
    }

    private string Payload(long? exp = null, long? nbf = null, string? iss = null, string? aud = null)
    {
        var now = _host.Time.GetUtcNow().ToUnixTimeSeconds();
        var issued = Math.Min(now, (exp ?? now + 300) - 300); // an expired token was issued before it expired
        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["iss"] = iss ?? "https://auth.test",
            ["aud"] = aud ?? "cinema-api",
            ["sub"] = Guid.CreateVersion7().ToString(),
            ["sid"] = Guid.CreateVersion7().ToString(),
            ["jti"] = "x",
            ["ver"] = 1,
            ["iat"] = issued,
            ["nbf"] = nbf ?? issued,
            ["exp"] = exp ?? now + 300,
        });
    }

    private async Task<string> SignRsaAsync(Dictionary<string, object> header, string payload)
    {
        var (_, rsa) = await CurrentRsaAsync();
        var input = $"{B64(JsonSerializer.Serialize(header))}.{B64(payload)}";
        var signature = rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{input}.{Base64UrlEncoder.Encode(signature)}";
    }

    [Fact]
    public async Task Issued_token_validates_with_every_claim()
    {
        var subject = Subject();
        var issued = await _issuer.IssueAsync(subject, default);
        var header = Decode(Segment(issued.Token, 0));
        Assert.Equal("at+jwt", header["typ"]!.ToString());
        Assert.Equal("RS256", header["alg"]!.ToString());

        var result = await ValidateAsync(issued.Token);
        Assert.True(result.IsValid, result.Failure.ToString());
        Assert.Equal(subject.UserId, result.Token.UserId);
        Assert.Equal(subject.SessionId, result.Token.SessionId);
        Assert.Equal(3, result.Token.AuthorizationVersion);
        Assert.Equal(["user"], result.Token.Roles);
        Assert.Equal(["movies:read"], result.Token.Permissions);
        Assert.Equal(issued.TokenId, result.Token.TokenId);
        Assert.Equal(_host.Time.GetUtcNow().AddMinutes(10).ToUnixTimeSeconds(), result.Token.ExpiresAt.ToUnixTimeSeconds());
        var payload = Decode(Segment(issued.Token, 1));
        foreach (var claim in new[] { "iss", "aud", "sub", "sid", "jti", "iat", "nbf", "exp", "roles", "perms", "ver" })
        {
            Assert.True(payload.ContainsKey(claim), claim);
        }
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    public async Task Alg_none_is_rejected_with_and_without_signature(string alg)
    {
        var (kid, _) = await CurrentRsaAsync();
        var unsigned = $"{B64($$"""{"alg":"{{alg}}","typ":"at+jwt","kid":"{{kid}}"}""")}.{B64(Payload())}";
        Assert.False((await ValidateAsync(unsigned + ".")).IsValid);
        var withSignature = await ValidateAsync(unsigned + ".c2lnbmF0dXJl");
        Assert.Equal(TokenFailure.UnsupportedAlgorithm, withSignature.Failure);
    }

    [Fact]
    public async Task Hs256_signed_with_the_public_key_is_rejected()
    {
        var (kid, rsa) = await CurrentRsaAsync();
        var header = $$"""{"alg":"HS256","typ":"at+jwt","kid":"{{kid}}"}""";
        foreach (var keyBytes in new[]
        {
            Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()),
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(_ring.GetJwks().Keys[0])),
            rsa.ExportParameters(false).Modulus!,
        })
        {
            var result = await ValidateAsync(SignHmac(header, Payload(), keyBytes));
            Assert.Equal(TokenFailure.UnsupportedAlgorithm, result.Failure);
        }
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("PS256")]
    [InlineData("HS512")]
    [InlineData("ES512")]
    public async Task Algorithms_off_the_allow_list_are_rejected(string alg)
    {
        var token = await SignRsaAsync(new() { ["alg"] = alg, ["typ"] = "at+jwt", ["kid"] = (await CurrentRsaAsync()).Kid }, Payload());
        Assert.Equal(TokenFailure.UnsupportedAlgorithm, (await ValidateAsync(token)).Failure);
    }

    [Fact]
    public async Task An_attacker_key_in_jwk_jku_x5u_headers_is_ignored()
    {
        using var attacker = RSA.Create(2048);
        var p = attacker.ExportParameters(false);
        var header = new Dictionary<string, object>
        {
            ["alg"] = "RS256",
            ["typ"] = "at+jwt",
            ["kid"] = "attacker",
            ["jwk"] = new { kty = "RSA", n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) },
            ["jku"] = "https://evil.example/jwks.json",
            ["x5u"] = "https://evil.example/cert.pem",
        };
        var input = $"{B64(JsonSerializer.Serialize(header))}.{B64(Payload())}";
        var token = $"{input}.{Base64UrlEncoder.Encode(attacker.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))}";
        Assert.Equal(TokenFailure.UnknownKey, (await ValidateAsync(token)).Failure);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("' OR 1=1 --")]
    [InlineData("https://evil.example/key")]
    public async Task Hostile_kid_values_are_unknown_keys(string kid)
    {
        var token = await SignRsaAsync(new() { ["alg"] = "RS256", ["typ"] = "at+jwt", ["kid"] = kid }, Payload());
        Assert.Equal(TokenFailure.UnknownKey, (await ValidateAsync(token)).Failure);
    }

    [Fact]
    public async Task Expired_and_not_yet_valid_tokens_are_rejected_with_30_seconds_of_skew()
    {
        var now = _host.Time.GetUtcNow().ToUnixTimeSeconds();
        var kid = (await CurrentRsaAsync()).Kid;
        var header = new Dictionary<string, object> { ["alg"] = "RS256", ["typ"] = "at+jwt", ["kid"] = kid };
        Assert.Equal(TokenFailure.Expired, (await ValidateAsync(await SignRsaAsync(header, Payload(exp: now - 31)))).Failure);
        Assert.True((await ValidateAsync(await SignRsaAsync(header, Payload(exp: now - 20)))).IsValid);
        Assert.Equal(TokenFailure.NotYetValid, (await ValidateAsync(await SignRsaAsync(header, Payload(nbf: now + 31)))).Failure);
        Assert.True((await ValidateAsync(await SignRsaAsync(header, Payload(nbf: now + 20)))).IsValid);
    }

    [Fact]
    public async Task A_token_without_exp_is_rejected()
    {
        var payload = JsonSerializer.Deserialize<Dictionary<string, object?>>(Payload())!;
        payload.Remove("exp");
        var token = await SignRsaAsync(new() { ["alg"] = "RS256", ["typ"] = "at+jwt", ["kid"] = (await CurrentRsaAsync()).Kid }, JsonSerializer.Serialize(payload));
        Assert.Equal(TokenFailure.Expired, (await ValidateAsync(token)).Failure);
    }

    [Fact]
    public async Task Wrong_issuer_or_audience_is_rejected()
    {
        var header = new Dictionary<string, object> { ["alg"] = "RS256", ["typ"] = "at+jwt", ["kid"] = (await CurrentRsaAsync()).Kid };
        Assert.Equal(TokenFailure.InvalidIssuer, (await ValidateAsync(await SignRsaAsync(header, Payload(iss: "https://evil.test")))).Failure);
        Assert.Equal(TokenFailure.InvalidAudience, (await ValidateAsync(await SignRsaAsync(header, Payload(aud: "other-api")))).Failure);
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("refresh+jwt")]
    [InlineData("id_token")]
    public async Task Tokens_of_another_type_are_rejected(string typ)
    {
        var token = await SignRsaAsync(new() { ["alg"] = "RS256", ["typ"] = typ, ["kid"] = (await CurrentRsaAsync()).Kid }, Payload());
        Assert.Equal(TokenFailure.InvalidType, (await ValidateAsync(token)).Failure);
    }

    [Fact]
    public async Task Crit_headers_are_rejected()
    {
        var token = await SignRsaAsync(new() { ["alg"] = "RS256", ["typ"] = "at+jwt", ["kid"] = (await CurrentRsaAsync()).Kid, ["crit"] = new[] { "exp-ext" }, ["exp-ext"] = 1 }, Payload());
        Assert.Equal(TokenFailure.UnsupportedCritical, (await ValidateAsync(token)).Failure);
    }

    [Fact]
    public async Task Tampered_header_payload_or_signature_is_rejected()
    {
        var token = await IssueAsync();
        var parts = token.Split('.');
        var payload = Decode(parts[1]);
        payload["perms"] = new[] { "*" };
        var tamperedPayload = $"{parts[0]}.{B64(JsonSerializer.Serialize(payload))}.{parts[2]}";
        Assert.Equal(TokenFailure.InvalidSignature, (await ValidateAsync(tamperedPayload)).Failure);

        var header = Decode(parts[0]);
        header["x"] = "y";
        Assert.Equal(TokenFailure.InvalidSignature, (await ValidateAsync($"{B64(JsonSerializer.Serialize(header))}.{parts[1]}.{parts[2]}")).Failure);

        var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
        signature[10] ^= 1;
        Assert.Equal(TokenFailure.InvalidSignature, (await ValidateAsync($"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(signature)}")).Failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("a.b.c.d.e")]
    [InlineData("a..c")]
    [InlineData("a.b.")]
    [InlineData("a b.c.d")]
    [InlineData("eyJ.eyJ.%%%")]
    public async Task Malformed_tokens_are_rejected_without_throwing(string token) =>
        Assert.Equal(TokenFailure.Malformed, (await ValidateAsync(token)).Failure);

    [Fact]
    public async Task A_one_megabyte_token_is_refused_before_parsing()
    {
        var huge = new string('a', 1024 * 1024);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = await ValidateAsync(huge);
        Assert.Equal(TokenFailure.TooLarge, result.Failure);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 64 * 1024);
    }

    [Fact]
    public async Task A_jwe_is_rejected()
    {
        var jwe = $"{B64("""{"alg":"RSA-OAEP","enc":"A256GCM"}""")}.AAAA.AAAA.AAAA.AAAA";
        Assert.Equal(TokenFailure.Malformed, (await ValidateAsync(jwe)).Failure);
    }

    [Fact]
    public async Task Repeat_validation_hits_the_cache_but_still_checks_expiry()
    {
        var token = await IssueAsync();
        var first = await ValidateAsync(token);
        var second = await ValidateAsync(token);
        Assert.Same(first.Token, second.Token);
        _host.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(TokenFailure.Expired, (await ValidateAsync(token)).Failure);
    }

    [Fact]
    public async Task Rotation_keeps_earlier_tokens_valid_and_publishes_both_keys()
    {
        var before = await IssueAsync();
        var oldKid = (await CurrentRsaAsync()).Kid;
        var newKid = await _ring.RotateAsync(TimeSpan.Zero, default);
        var after = await IssueAsync();
        Assert.Equal(newKid, Decode(Segment(after, 0))["kid"]!.ToString());
        Assert.True((await ValidateAsync(before)).IsValid);
        Assert.True((await ValidateAsync(after)).IsValid);
        Assert.Equal([newKid, oldKid], _ring.GetJwks().Keys.Select(k => k.KeyId));
        Assert.All(_ring.GetJwks().Keys, k => Assert.Null(typeof(JsonWebKeyDocument).GetProperty("D")));

        // After the old key's grace period it is neither published nor accepted.
        _host.Time.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal([newKid], _ring.GetJwks().Keys.Select(k => k.KeyId));
    }

    [Fact]
    public async Task A_second_instance_sharing_the_store_validates_tokens_and_picks_up_rotation()
    {
        var kek = _host.Get<Microsoft.Extensions.Options.IOptions<RbacKitOptions>>().Value.Tokens.KeyEncryptionKey;
        await using var other = await TestHost.CreateAsync(o => o.Tokens.KeyEncryptionKey = kek, _host.Store);
        var otherValidator = other.Get<IAccessTokenValidator>();
        await other.Get<IKeyRing>().InitializeAsync(default);

        var token = await IssueAsync();
        Assert.True((await otherValidator.ValidateAsync(token, default)).IsValid);

        // This instance rotates (signing at once, no feed between the two); the other one meets the new kid, reloads once and accepts it.
        await _ring.RotateAsync(TimeSpan.Zero, default);
        var rotated = await IssueAsync();
        Assert.True((await otherValidator.ValidateAsync(rotated, default)).IsValid);
        Assert.Equal(2, other.Get<IKeyRing>().GetJwks().Keys.Count);
    }

    [Fact]
    public async Task Unknown_kid_reloads_are_rate_limited()
    {
        var kek = _host.Get<Microsoft.Extensions.Options.IOptions<RbacKitOptions>>().Value.Tokens.KeyEncryptionKey;
        await using var other = await TestHost.CreateAsync(o => o.Tokens.KeyEncryptionKey = kek, _host.Store);
        var ring = other.Get<IKeyRing>();
        await ring.InitializeAsync(default);
        Assert.True(await ring.RefreshForUnknownKeyAsync(default));
        Assert.False(await ring.RefreshForUnknownKeyAsync(default));
        other.Time.Advance(TimeSpan.FromSeconds(11));
        Assert.True(await ring.RefreshForUnknownKeyAsync(default));
    }

    [Fact]
    public async Task Keys_protected_with_another_key_encryption_key_cannot_be_read()
    {
        await using var other = await TestHost.CreateAsync(null, _host.Store);
        // An actionable error naming the key and what to do, with the cryptographic failure inside.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => other.Get<IKeyRing>().InitializeAsync(default));
        Assert.IsAssignableFrom<CryptographicException>(refused.InnerException);
        Assert.Contains("signing_keys", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Private_key_material_is_encrypted_at_rest()
    {
        var stored = _host.Store.SigningKeys.Single();
        using var rsa = RSA.Create();
        Assert.ThrowsAny<CryptographicException>(() => rsa.ImportPkcs8PrivateKey(stored.ProtectedKey, out _));
    }

    [Fact]
    public async Task Parallel_first_use_of_a_fresh_ring_creates_one_key_and_always_signs()
    {
        await using var host = await TestHost.CreateAsync();
        var issuer = host.Get<IAccessTokenIssuer>();
        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => issuer.IssueAsync(Subject(), default))));
        Assert.All(tokens, t => Assert.False(string.IsNullOrEmpty(t.Token)));
        Assert.Single(host.Store.SigningKeys);
    }

    [Fact]
    public async Task If_racing_rotations_retired_every_key_the_newest_still_signs()
    {
        await _ring.RotateAsync(default);
        await _host.Store.RetireOthersAsync("none", _host.Time.GetUtcNow(), _host.Time.GetUtcNow().AddMinutes(10), default);
        await _ring.ReloadAsync(default);
        Assert.True((await ValidateAsync(await IssueAsync())).IsValid);
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("HS256")]
    public async Task Other_algorithms_issue_and_validate(string algorithm)
    {
        await using var host = await TestHost.CreateAsync(o => o.Tokens.Algorithm = algorithm);
        await host.Get<IKeyRing>().InitializeAsync(default);
        var token = (await host.Get<IAccessTokenIssuer>().IssueAsync(Subject(), default)).Token;
        Assert.Equal(algorithm, Decode(Segment(token, 0))["alg"]!.ToString());
        Assert.True((await host.Get<IAccessTokenValidator>().ValidateAsync(token, default)).IsValid);
        var published = host.Get<IKeyRing>().GetJwks().Keys;
        Assert.Equal(algorithm == "HS256" ? 0 : 1, published.Count);
    }

    [Fact]
    public async Task An_es256_signature_of_zeros_is_rejected()
    {
        await using var host = await TestHost.CreateAsync(o => o.Tokens.Algorithm = "ES256");
        await host.Get<IKeyRing>().InitializeAsync(default);
        var token = (await host.Get<IAccessTokenIssuer>().IssueAsync(Subject(), default)).Token;
        var parts = token.Split('.');
        var zeros = $"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(new byte[64])}";
        Assert.Equal(TokenFailure.InvalidSignature, (await host.Get<IAccessTokenValidator>().ValidateAsync(zeros, default)).Failure);
    }
}
