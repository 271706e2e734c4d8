using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using RbacKit.Keys;

namespace CinemaAuthHost.SecurityTests;

public sealed class HostileTokenFixture : SecurityHostFixture
{
    protected override string Name => "tokens";
}

/// <summary>
/// Forged, altered and malformed bearer tokens against protected endpoints: every one is refused with 401
/// <c>invalid_token</c> (never 5xx), and no key is ever fetched from a URL a token names.
/// </summary>
public sealed class HostileTokenTests(HostileTokenFixture fixture) : IClassFixture<HostileTokenFixture>, IAsyncLifetime
{
    private SecurityHost Host => fixture.Host;
    private Tokens _tokens = null!;
    private JsonObject _header = null!;
    private JsonObject _payload = null!;
    private RingKey _key = null!;

    public async Task InitializeAsync()
    {
        _tokens = await Host.LoginAsync(Api.User);
        _header = Jwt.Header(_tokens.AccessToken);
        _payload = Jwt.Payload(_tokens.AccessToken);
        _key = await Host.Services.GetRequiredService<IKeyRing>().GetCurrentAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string SignedByServer(JsonObject header, JsonObject payload) => Jwt.Sign(header, payload, _key.Key, _key.Algorithm);

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>GET /me and GET /movies with the token: both 401 invalid_token.</summary>
    private async Task AssertRefusedAsync(string token)
    {
        foreach (var path in new[] { "/me", "/movies" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
            using var client = Host.CreateClient();
            using var response = await client.SendAsync(request);
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        }
    }

    [Fact]
    public async Task The_genuine_token_works_and_a_resigned_copy_of_it_too()
    {
        // The baseline every other case alters: proves the forging helpers produce tokens the host would accept.
        using var client = Host.CreateClient(_tokens.AccessToken);
        (await client.GetAsync("/me")).EnsureSuccessStatusCode();
        using var resigned = Host.CreateClient(SignedByServer(_header, _payload.With("jti", Guid.NewGuid().ToString("N"))));
        (await resigned.GetAsync("/movies")).EnsureSuccessStatusCode();
    }

    [Theory]
    [InlineData("none")]
    [InlineData("None")]
    [InlineData("NONE")]
    [InlineData("nOnE")]
    public async Task Alg_none_is_refused_with_and_without_a_signature(string alg)
    {
        var header = _header.With("alg", alg);
        var unsigned = Jwt.SigningInput(header, _payload);
        await AssertRefusedAsync(unsigned + ".");
        await AssertRefusedAsync(unsigned + "." + _tokens.AccessToken.Split('.')[2]);
        await AssertRefusedAsync(unsigned);
    }

    [Fact]
    public async Task Hs256_signed_with_the_public_key_is_refused()
    {
        using var client = Host.CreateClient();
        var jwks = JsonNode.Parse(await client.GetStringAsync("/.well-known/jwks.json"))!;
        var jwk = jwks["keys"]!.AsArray().First(k => (string?)k!["kid"] == (string?)_header["kid"])!;
        using var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = Jwt.Decode((string)jwk["n"]!), Exponent = Jwt.Decode((string)jwk["e"]!) });
        var secrets = new[]
        {
            Encoding.UTF8.GetBytes(jwk.ToJsonString()),
            Encoding.UTF8.GetBytes(rsa.ExportSubjectPublicKeyInfoPem()),
            Encoding.UTF8.GetBytes(rsa.ExportSubjectPublicKeyInfoPem() + "\n"),
            Encoding.UTF8.GetBytes(rsa.ExportRSAPublicKeyPem()),
            rsa.ExportSubjectPublicKeyInfo(),
            Jwt.Decode((string)jwk["n"]!),
        };
        foreach (var secret in secrets)
        {
            var header = _header.With("alg", "HS256");
            var input = Jwt.SigningInput(header, _payload);
            var signature = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input));
            await AssertRefusedAsync($"{input}.{Jwt.B64(signature)}");
        }
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("RS512")]
    [InlineData("PS256")]
    [InlineData("HS512")]
    [InlineData("ES512")]
    [InlineData("rs256")]
    [InlineData("")]
    public async Task An_algorithm_off_the_allow_list_is_refused(string alg)
    {
        var parts = _tokens.AccessToken.Split('.');
        await AssertRefusedAsync($"{Jwt.B64(_header.With("alg", alg).ToJsonString())}.{parts[1]}.{parts[2]}");
        if (alg is "RS384" or "RS512" or "PS256")
        {
            // Correctly signed with the server's own key, under an algorithm the allow-list does not hold.
            await AssertRefusedAsync(Jwt.Sign(_header.With("alg", alg), _payload, _key.Key, alg));
        }
    }

    [Fact]
    public async Task Alg_that_is_not_a_string_is_refused()
    {
        await AssertRefusedAsync(SignedByServer(_header.With("alg", Jwt.Json(new[] { "RS256" })), _payload));
        await AssertRefusedAsync(SignedByServer(_header.With("alg", null), _payload));
        await AssertRefusedAsync(SignedByServer(_header.Without("alg"), _payload));
    }

    [Fact]
    public async Task Embedded_or_remote_attacker_keys_are_ignored_and_never_fetched()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var hits = 0;
        var accepting = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    using var socket = await listener.AcceptSocketAsync();
                    Interlocked.Increment(ref hits);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        });
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";

        using var attacker = RSA.Create(2048);
        var attackerKey = new RsaSecurityKey(attacker) { KeyId = "attacker" };
        var attackerJwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(attacker.ExportParameters(false)) { KeyId = "attacker" });
        var jwk = new JsonObject { ["kty"] = "RSA", ["kid"] = "attacker", ["n"] = attackerJwk.N, ["e"] = attackerJwk.E };
        var cert = Convert.ToBase64String(new byte[64]);
        var headers = new List<JsonObject>();
        foreach (var kid in new[] { "attacker", (string)_header["kid"]! })
        {
            var header = _header.With("kid", kid);
            headers.Add(header.With("jwk", jwk.DeepClone()));
            headers.Add(header.With("jku", $"{url}/jwks.json"));
            headers.Add(header.With("x5u", $"{url}/cert.pem"));
            headers.Add(header.With("x5c", new JsonArray(cert)));
            headers.Add(header.With("jwk", jwk.DeepClone()).With("jku", $"{url}/jwks.json").With("x5u", $"{url}/x5u").With("x5c", new JsonArray(cert)));
        }

        foreach (var header in headers)
        {
            await AssertRefusedAsync(Jwt.Sign(header, _payload, attackerKey, SecurityAlgorithms.RsaSha256));
        }

        // A kid that is itself a URL is a name, never fetched.
        await AssertRefusedAsync(Jwt.Sign(_header.With("kid", $"{url}/key"), _payload, attackerKey, SecurityAlgorithms.RsaSha256));

        // Give any (wrong) background fetch a moment to connect before counting.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        listener.Stop();
        await accepting;
        Assert.Equal(0, Volatile.Read(ref hits));
    }

    [Theory]
    [InlineData("../../../../../../etc/passwd")]
    [InlineData("..\\..\\..\\windows\\win.ini")]
    [InlineData("/dev/random")]
    [InlineData("' OR '1'='1")]
    [InlineData("x'; DROP TABLE rbac_users; --")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("file:///etc/shadow")]
    [InlineData("\u0000")]
    [InlineData("")]
    public async Task A_hostile_kid_is_an_unknown_key(string kid)
    {
        await AssertRefusedAsync(SignedByServer(_header.With("kid", kid), _payload));
        using var client = Host.CreateClient(_tokens.AccessToken);
        (await client.GetAsync("/me")).EnsureSuccessStatusCode(); // nothing was dropped or broken
    }

    [Fact]
    public async Task Kid_that_is_not_a_string_or_missing_is_refused()
    {
        await AssertRefusedAsync(SignedByServer(_header.With("kid", 42), _payload));
        await AssertRefusedAsync(SignedByServer(_header.With("kid", new JsonObject()), _payload));
        await AssertRefusedAsync(SignedByServer(_header.Without("kid"), _payload));
    }

    [Fact]
    public async Task Wrong_or_missing_issuer_and_audience_are_refused()
    {
        await AssertRefusedAsync(SignedByServer(_header, _payload.With("iss", "https://evil.example")));
        await AssertRefusedAsync(SignedByServer(_header, _payload.With("iss", (string)_payload["iss"]! + "/")));
        await AssertRefusedAsync(SignedByServer(_header, _payload.Without("iss")));
        await AssertRefusedAsync(SignedByServer(_header, _payload.With("aud", "another-api")));
        await AssertRefusedAsync(SignedByServer(_header, _payload.With("aud", new JsonArray("another-api"))));
        await AssertRefusedAsync(SignedByServer(_header, _payload.With("aud", 1)));
        await AssertRefusedAsync(SignedByServer(_header, _payload.Without("aud")));
    }

    [Fact]
    public async Task Expired_not_yet_valid_and_missing_exp_are_refused()
    {
        await AssertRefusedAsync(SignedByServer(_header, _payload.With("exp", Now - 120).With("iat", Now - 1000).With("nbf", Now - 1000)));
        await AssertRefusedAsync(SignedByServer(_header, _payload.With("nbf", Now + 3600).With("exp", Now + 7200)));
        await AssertRefusedAsync(SignedByServer(_header, _payload.Without("exp")));
        await AssertRefusedAsync(SignedByServer(_header, _payload.With("exp", "tomorrow")));
        await AssertRefusedAsync(SignedByServer(_header, _payload.With("exp", 1e300)));
        await AssertRefusedAsync(SignedByServer(_header, _payload.With("exp", long.MaxValue)));
        await AssertRefusedAsync(SignedByServer(_header, _payload.With("exp", -1)));
    }

    [Fact]
    public async Task Refresh_tokens_and_tokens_of_another_type_are_not_access_tokens()
    {
        await AssertRefusedAsync(_tokens.RefreshToken);
        foreach (var typ in new[] { "JWT", "rt+jwt", "id_token", "at+jwt ", "application/at+jwt+x" })
        {
            await AssertRefusedAsync(SignedByServer(_header.With("typ", typ), _payload));
        }

        await AssertRefusedAsync(SignedByServer(_header.Without("typ"), _payload));
    }

    [Fact]
    public async Task Missing_claims_are_refused()
    {
        foreach (var claim in new[] { "sub", "sid", "jti" })
        {
            await AssertRefusedAsync(SignedByServer(_header, _payload.Without(claim)));
        }

        await AssertRefusedAsync(SignedByServer(_header, _payload.With("sub", "not-a-guid")));
        await AssertRefusedAsync(SignedByServer(_header, _payload.With("sub", Guid.NewGuid().ToString())));
        await AssertRefusedAsync(SignedByServer(_header, _payload.With("sid", Guid.NewGuid().ToString())));
    }

    [Fact]
    public async Task Tampered_header_payload_or_signature_is_refused()
    {
        var parts = _tokens.AccessToken.Split('.');
        var elevated = _payload.With("roles", new JsonArray("superadmin")).With("perm", "*");
        await AssertRefusedAsync($"{parts[0]}.{Jwt.B64(elevated.ToJsonString())}.{parts[2]}");
        await AssertRefusedAsync($"{Jwt.B64(_header.With("x", 1).ToJsonString())}.{parts[1]}.{parts[2]}");
        var signature = Jwt.Decode(parts[2]);
        signature[^1] ^= 1;
        await AssertRefusedAsync($"{parts[0]}.{parts[1]}.{Jwt.B64(signature)}");
        await AssertRefusedAsync($"{parts[0]}.{parts[1]}.{parts[2][..^4]}");
        await AssertRefusedAsync($"{parts[0]}.{parts[1]}.{parts[2]}AAAA");
        await AssertRefusedAsync($"{parts[0]}.{parts[1]}.{parts[2].Replace('-', '+').Replace('_', '/')}=");
        await AssertRefusedAsync($"{parts[0]}.{parts[1]}.");
    }

    [Fact]
    public async Task Missing_or_extra_segments_and_garbage_are_refused()
    {
        var parts = _tokens.AccessToken.Split('.');
        foreach (var token in new[]
        {
            parts[0], $"{parts[0]}.{parts[1]}", $"{_tokens.AccessToken}.{parts[2]}", $"{_tokens.AccessToken}.", $".{_tokens.AccessToken}",
            "..", "....", "a.b.c", "%%%.%%%.%%%", $"{parts[0]}..{parts[2]}", Jwt.B64("{") + "." + parts[1] + "." + parts[2],
            Jwt.B64("[]") + "." + parts[1] + "." + parts[2], Jwt.B64("{\"alg\":\"RS256\",\"alg\":\"none\"}") + "." + parts[1] + "." + parts[2],
        })
        {
            await AssertRefusedAsync(token);
        }
    }

    [Fact]
    public async Task An_es256_signature_of_zeros_is_refused()
    {
        var header = _header.With("alg", "ES256");
        var input = Jwt.SigningInput(header, _payload);
        await AssertRefusedAsync($"{input}.{Jwt.B64(new byte[64])}");
        await AssertRefusedAsync($"{Jwt.SigningInput(_header, _payload)}.{Jwt.B64(new byte[256])}");
        await AssertRefusedAsync($"{Jwt.SigningInput(_header, _payload)}.{Jwt.B64(new byte[64])}");
    }

    [Fact]
    public async Task A_jwe_is_refused()
    {
        var header = Jwt.B64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\",\"typ\":\"at+jwt\",\"kid\":\"" + (string)_header["kid"]! + "\"}");
        var jwe = $"{header}.{Jwt.B64(RandomNumberGenerator.GetBytes(256))}.{Jwt.B64(RandomNumberGenerator.GetBytes(12))}.{Jwt.B64(RandomNumberGenerator.GetBytes(200))}.{Jwt.B64(RandomNumberGenerator.GetBytes(16))}";
        await AssertRefusedAsync(jwe);
    }

    [Fact]
    public async Task Crit_with_an_unknown_name_is_refused_even_when_correctly_signed()
    {
        await AssertRefusedAsync(SignedByServer(_header.With("crit", new JsonArray("urn:evil:ignore-exp")).With("urn:evil:ignore-exp", true), _payload));
        await AssertRefusedAsync(SignedByServer(_header.With("crit", new JsonArray()), _payload));
        await AssertRefusedAsync(SignedByServer(_header.With("crit", "exp"), _payload));
    }

    [Fact]
    public async Task A_megabyte_bearer_value_gets_a_fast_4xx()
    {
        foreach (var size in new[] { 8193, 64 * 1024, 1024 * 1024 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('a', size));
            using var client = Host.CreateClient();
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request);
            }
            catch (HttpRequestException)
            {
                // Kestrel may close the connection while the client is still sending a header this large: also a refusal.
                continue;
            }

            using (response)
            {
                Assert.InRange((int)response.StatusCode, 400, 499);
                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
                }
            }
        }

        // The host is still healthy afterwards.
        using var after = Host.CreateClient(_tokens.AccessToken);
        (await after.GetAsync("/me")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task Malformed_authorization_headers_are_refused()
    {
        foreach (var value in new[] { "Bearer", "Bearer ", "Bearer  a b", "Bearer " + _tokens.AccessToken + " extra", "bearer\t" + _tokens.AccessToken })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
            request.Headers.TryAddWithoutValidation("Authorization", value);
            using var client = Host.CreateClient();
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }
}
