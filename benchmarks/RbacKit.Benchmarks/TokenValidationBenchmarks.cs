using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RbacKit.Benchmarks.Infrastructure;

namespace RbacKit.Benchmarks;

/// <summary>
/// Validating one access token, per algorithm. Baseline: the raw signature check of the same signing input with the same
/// public key (the floor any validator pays). RbacKit first-seen runs a validator whose validated-token cache is off;
/// repeat hits the cache. JsonWebTokenHandler and JwtSecurityTokenHandler validate the same token with the same checks
/// (issuer, audience, lifetime, type, algorithm allow-list, key).
/// </summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks
{
    private TokenFixture _fixture = null!;
    private string _token = null!;
    private byte[] _signingInput = null!;
    private byte[] _signature = null!;
    private RSA? _rsa;
    private ECDsa? _ecdsa;
    private byte[]? _hmacKey;
    private TokenValidationParameters _parameters = null!;
    private readonly JsonWebTokenHandler _jsonWebTokenHandler = new() { MapInboundClaims = false };
    private readonly JwtSecurityTokenHandler _jwtSecurityTokenHandler = new() { MapInboundClaims = false };

    [Params("RS256", "ES256", "HS256")]
    public string Algorithm { get; set; } = "RS256";

    [GlobalSetup]
    public void Setup()
    {
        _fixture = TokenFixture.Create(Algorithm);
        _token = _fixture.Token;
        var lastDot = _token.LastIndexOf('.');
        _signingInput = Encoding.ASCII.GetBytes(_token[..lastDot]);
        _signature = Base64UrlEncoder.DecodeBytes(_token[(lastDot + 1)..]);
        var key = _fixture.PublicKey();
        switch (key)
        {
            case RsaSecurityKey rsa:
                _rsa = RSA.Create(rsa.Parameters);
                break;
            case ECDsaSecurityKey ec:
                _ecdsa = ec.ECDsa;
                break;
            case SymmetricSecurityKey symmetric:
                _hmacKey = symmetric.Key;
                break;
        }

        _parameters = new TokenValidationParameters
        {
            ValidIssuer = TokenFixture.Issuer,
            ValidAudience = TokenFixture.Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [Algorithm],
            ValidTypes = ["at+jwt"],
            ClockSkew = TimeSpan.FromSeconds(30),
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
        };

        // Everything must accept the token, or the comparison means nothing; this also warms the repeat cache.
        if (!RbacKitFirstSeen() || !RbacKitRepeat() || !RawSignatureVerify() || !JsonWebTokenHandler() || JwtSecurityTokenHandler() is null)
        {
            throw new InvalidOperationException($"A validator refused the {Algorithm} token.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rsa?.Dispose();
        _fixture.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw signature verify")]
    public bool RawSignatureVerify()
    {
        if (_rsa is not null)
        {
            return _rsa.VerifyData(_signingInput.AsSpan(), _signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }

        if (_ecdsa is not null)
        {
            return _ecdsa.VerifyData(_signingInput.AsSpan(), _signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_hmacKey, _signingInput, mac);
        return CryptographicOperations.FixedTimeEquals(mac, _signature);
    }

    [Benchmark(Description = "RbacKit first-seen")]
    public bool RbacKitFirstSeen() => IsValid(_fixture.UncachedValidator.ValidateAsync(_token, default));

    [Benchmark(Description = "RbacKit repeat (cache hit)")]
    public bool RbacKitRepeat() => IsValid(_fixture.CachedValidator.ValidateAsync(_token, default));

    [Benchmark(Description = "JsonWebTokenHandler")]
    public bool JsonWebTokenHandler() => _jsonWebTokenHandler.ValidateTokenAsync(_token, _parameters).GetAwaiter().GetResult().IsValid;

    [Benchmark(Description = "JwtSecurityTokenHandler")]
    public object JwtSecurityTokenHandler() => _jwtSecurityTokenHandler.ValidateToken(_token, _parameters, out _);

    // A known key completes synchronously; awaiting would only add the benchmark's own state machine.
    private static bool IsValid(ValueTask<RbacKit.TokenValidation.AccessTokenValidationResult> pending) =>
        pending.IsCompletedSuccessfully ? pending.Result.IsValid : pending.AsTask().GetAwaiter().GetResult().IsValid;
}
