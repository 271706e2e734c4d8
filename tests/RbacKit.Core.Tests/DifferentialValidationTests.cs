using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RbacKit.Keys;
using RbacKit.TokenValidation;

namespace RbacKit.Core.Tests;

/// <summary>
/// A corpus of valid and hostile tokens judged by RbacKit's validator and by IdentityModel's
/// <see cref="JsonWebTokenHandler"/> configured the same way (issuer, audience, RS256 only, the RFC 9068 types, 30 s
/// skew, the same clock). They must agree, except where RbacKit is the stricter, and each such case is named here: RbacKit
/// is never the more lenient.
/// </summary>
public sealed class DifferentialValidationTests : IAsyncLifetime
{
    private TestHost _host = null!;
    private IAccessTokenValidator _validator = null!;
    private string _kid = null!;
    private RSA _rsa = null!;

    /// <summary>Why RbacKit refuses a token the stock handler accepts.</summary>
    private static readonly Dictionary<string, string> Stricter = new()
    {
        ["iat in the future"] = "RbacKit refuses an iat beyond the clock skew (issue 12); the handler ignores iat.",
        ["lifetime beyond the maximum"] = "RbacKit bounds exp - iat by the access-token lifetime; the handler has no such bound.",
        ["no iat"] = "RbacKit requires iat (RFC 9068 section 2.2); the handler does not.",
        ["no kid"] = "RbacKit requires kid; the handler tries every key.",
        ["duplicate exp"] = "RbacKit refuses a member given twice; the handler keeps one of them.",
        ["iat after exp"] = "An inverted window is refused; the handler does not read iat.",
        ["unknown kid"] = "RbacKit verifies only with the key the kid names; the handler falls back to trying every key.",
        ["crit header"] = "RFC 7515 4.1.11: RbacKit understands no extension, so any crit is refused; the handler ignores crit.",
        ["padding characters"] = "RFC 7515 2: base64url without padding; the handler accepts '=' after the signature.",
        ["payload with trailing data"] = "The payload must be one JSON object; the handler stops reading after the first.",
        ["no sub"] = "RbacKit requires sub (a user or client id); the handler does not.",
        ["sub not a guid"] = "RbacKit's subjects are ids; the handler takes any string.",
        ["exp as a string"] = "RFC 7519 NumericDate is a number; the handler parses the string.",
    };

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

    [Fact]
    public async Task RbacKit_and_JsonWebTokenHandler_agree_or_RbacKit_is_the_stricter()
    {
        var handler = new JsonWebTokenHandler();
        var parameters = Parameters();
        var report = new List<string>();
        foreach (var (name, token) in Corpus())
        {
            var ours = (await _validator.ValidateAsync(token, default)).IsValid;
            var theirs = (await handler.ValidateTokenAsync(token, parameters)).IsValid;
            if (ours && !theirs)
            {
                report.Add($"{name}: RbacKit accepts what JsonWebTokenHandler refuses");
            }
            else if (Stricter.ContainsKey(name))
            {
                if (ours || !theirs)
                {
                    report.Add($"{name}: named as RbacKit-stricter, but RbacKit {(ours ? "accepts" : "refuses")} and the handler {(theirs ? "accepts" : "refuses")}");
                }
            }
            else if (ours != theirs)
            {
                report.Add($"{name}: RbacKit refuses what JsonWebTokenHandler accepts (name it in Stricter if intended)");
            }
        }

        Assert.True(report.Count == 0, string.Join('\n', report));
    }

    [Fact]
    public async Task The_corpus_holds_valid_tokens_that_both_accept()
    {
        var handler = new JsonWebTokenHandler();
        var valid = Corpus().Where(c => c.Name.StartsWith("valid", StringComparison.Ordinal)).ToList();
        Assert.True(valid.Count >= 4);
        foreach (var (name, token) in valid)
        {
            Assert.True((await _validator.ValidateAsync(token, default)).IsValid, name);
            var theirs = await handler.ValidateTokenAsync(token, Parameters());
            Assert.True(theirs.IsValid, $"{name}: {theirs.Exception?.Message}");
        }
    }

    private TokenValidationParameters Parameters()
    {
        var publicKey = RSA.Create();
        publicKey.ImportParameters(_rsa.ExportParameters(false));
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = "https://auth.test",
            ValidAudience = "cinema-api",
            IssuerSigningKey = new RsaSecurityKey(publicKey) { KeyId = _kid },
            ValidAlgorithms = ["RS256"],
            ValidTypes = ["at+jwt", "application/at+jwt"],
            ClockSkew = TimeSpan.FromSeconds(30),
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
        };

        // The handler's clock: IdentityModel 8 reads TokenValidationParameters.TimeProvider, which it does not make
        // public; without it both validators would not judge at the same instant.
        var clock = typeof(TokenValidationParameters).GetProperty("TimeProvider", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("TokenValidationParameters.TimeProvider is gone: give the handler the test clock another way.");
        clock.SetValue(parameters, _host.Time);
        return parameters;
    }

    private IEnumerable<(string Name, string Token)> Corpus()
    {
        var now = Now;
        string Claims(string? extra = null, string? exp = null, string? iat = null, string? sub = null) =>
            $$"""{"iss":"https://auth.test","aud":"cinema-api","sub":{{sub ?? $"\"{Guid.CreateVersion7()}\""}},"sid":"{{Guid.CreateVersion7()}}","jti":"j1","ver":2{{(iat is "" ? "" : $",\"iat\":{iat ?? N(now)}")}},"nbf":{{N(now)}},"exp":{{exp ?? N(now + 300)}}{{extra}}}""";
        string Header(string? typ = "at+jwt", string? alg = "RS256", string? kid = null, string? extra = null) =>
            "{" + string.Join(',', new[]
            {
                alg is null ? null : $"\"alg\":\"{alg}\"",
                typ is null ? null : $"\"typ\":\"{typ}\"",
                kid is "" ? null : $"\"kid\":\"{kid ?? _kid}\"",
            }.Where(p => p is not null)) + extra + "}";

        yield return ("valid", Sign(Header(), Claims()));
        yield return ("valid with typ application/at+jwt", Sign(Header("application/at+jwt"), Claims()));
        yield return ("valid with an audience array", Sign(Header(), Claims().Replace("\"aud\":\"cinema-api\"", "\"aud\":[\"other\",\"cinema-api\"]", StringComparison.Ordinal)));
        yield return ("valid with extra claims", Sign(Header(), Claims(""","perms":["movies:read"],"roles":["user"],"note":"x" """)));
        yield return ("valid just inside the skew", Sign(Header(), Claims(exp: N(now - 20), iat: N(now - 290)).Replace($"\"nbf\":{N(now)}", $"\"nbf\":{N(now - 290)}", StringComparison.Ordinal)));
        yield return ("nbf after exp", Sign(Header(), Claims(exp: N(now + 10), iat: N(now - 100)).Replace($"\"nbf\":{N(now)}", $"\"nbf\":{N(now + 20)}", StringComparison.Ordinal)));
        yield return ("iat after exp", Sign(Header(), Claims(exp: N(now + 10), iat: N(now + 20))));
        yield return ("expired", Sign(Header(), Claims(exp: N(now - 60), iat: N(now - 360))));
        yield return ("not yet valid", Sign(Header(), Claims().Replace($"\"nbf\":{N(now)}", $"\"nbf\":{N(now + 120)}", StringComparison.Ordinal)));
        yield return ("wrong issuer", Sign(Header(), Claims().Replace("https://auth.test", "https://evil.test", StringComparison.Ordinal)));
        yield return ("wrong audience", Sign(Header(), Claims().Replace("\"aud\":\"cinema-api\"", "\"aud\":\"other-api\"", StringComparison.Ordinal)));
        yield return ("no exp", Sign(Header(), Claims().Replace($",\"exp\":{N(now + 300)}", "", StringComparison.Ordinal)));
        yield return ("exp as a string", Sign(Header(), Claims(exp: $"\"{N(now + 300)}\"")));
        yield return ("duplicate exp", Sign(Header(), Claims($",\"exp\":{N(now + 200)}")));
        yield return ("iat in the future", Sign(Header(), Claims(iat: N(now + 120))));
        yield return ("no iat", Sign(Header(), Claims(iat: "")));
        yield return ("lifetime beyond the maximum", Sign(Header(), Claims(exp: N(now + 86_400))));
        yield return ("no sub", Sign(Header(), Claims().Replace("\"sub\":", "\"subject\":", StringComparison.Ordinal)));
        yield return ("sub not a guid", Sign(Header(), Claims(sub: "\"alice\"")));
        yield return ("bad signature", Tamper(Sign(Header(), Claims())));
        yield return ("signed by another key", Sign(Header(), Claims(), RSA.Create(2048)));
        yield return ("payload swapped after signing", Swap(Sign(Header(), Claims()), Claims(""","perms":["*"]""")));
        yield return ("alg none", $"{B64(Header(alg: "none"))}.{B64(Claims())}.");
        yield return ("alg none with a signature", $"{B64(Header(alg: "none"))}.{B64(Claims())}.AAAA");
        yield return ("HS256 keyed with the public key", HmacWithPublicKey(Header(alg: "HS256"), Claims()));
        yield return ("RS384 not allowed", SignWith(Header(alg: "RS384"), Claims(), HashAlgorithmName.SHA384));
        yield return ("typ JWT", Sign(Header("JWT"), Claims()));
        yield return ("no typ", Sign(Header(typ: null), Claims()));
        yield return ("no kid", Sign(Header(kid: ""), Claims()));
        yield return ("unknown kid", Sign(Header(kid: "nope"), Claims()));
        yield return ("duplicate alg in the header", Sign(Header(extra: ",\"alg\":\"none\""), Claims()));
        yield return ("crit header", Sign(Header(extra: ",\"crit\":[\"exp\"]"), Claims()));
        yield return ("jku header", Sign(Header(extra: ",\"jku\":\"https://evil.test/jwks\""), Claims()));
        yield return ("invalid UTF-8 in an unread claim", InvalidUtf8(Header(), Claims(""","note":"a?b" """)));
        yield return ("five segments (JWE)", $"{B64("""{"alg":"RSA-OAEP","enc":"A256GCM"}""")}.AAAA.AAAA.AAAA.AAAA");
        yield return ("four segments", Sign(Header(), Claims()) + ".AAAA");
        yield return ("two segments", $"{B64(Header())}.{B64(Claims())}");
        yield return ("empty", "");
        yield return ("whitespace inside", Sign(Header(), Claims()).Insert(10, " "));
        yield return ("padding characters", Sign(Header(), Claims()) + "==");
        yield return ("header not an object", Sign("[]", Claims()));
        yield return ("payload not an object", Sign(Header(), "\"text\""));
        yield return ("payload with trailing data", Sign(Header(), Claims() + " {}"));
        yield return ("huge exp", Sign(Header(), Claims(exp: "1e20")));
    }

    private static string N(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string B64(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    private string Sign(string header, string payload, RSA? key = null) => SignInput($"{B64(header)}.{B64(payload)}", key);

    private string SignInput(string input, RSA? key = null) =>
        $"{input}.{Base64UrlEncoder.Encode((key ?? _rsa).SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))}";

    private string SignWith(string header, string payload, HashAlgorithmName hash)
    {
        var input = $"{B64(header)}.{B64(payload)}";
        return $"{input}.{Base64UrlEncoder.Encode(_rsa.SignData(Encoding.ASCII.GetBytes(input), hash, RSASignaturePadding.Pkcs1))}";
    }

    private string HmacWithPublicKey(string header, string payload)
    {
        var input = $"{B64(header)}.{B64(payload)}";
        var key = Encoding.UTF8.GetBytes(_rsa.ExportSubjectPublicKeyInfoPem());
        return $"{input}.{Base64UrlEncoder.Encode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(input)))}";
    }

    private string InvalidUtf8(string header, string payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xC3;
        return SignInput($"{B64(header)}.{Base64UrlEncoder.Encode(bytes)}");
    }

    private static string Tamper(string token)
    {
        var chars = token.ToCharArray();
        var i = chars.Length - 5;
        chars[i] = chars[i] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private static string Swap(string token, string payload)
    {
        var parts = token.Split('.');
        return $"{parts[0]}.{B64(payload)}.{parts[2]}";
    }
}
