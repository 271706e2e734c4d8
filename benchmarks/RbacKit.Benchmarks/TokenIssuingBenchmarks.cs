using BenchmarkDotNet.Attributes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RbacKit.Benchmarks.Infrastructure;
using RbacKit.Tokens;

namespace RbacKit.Benchmarks;

/// <summary>
/// Signing one access token, per algorithm. Baseline: JsonWebTokenHandler.CreateToken with the same claims and key.
/// RbacKit's issuer adds the key-ring lookup, a random jti and the claim mapping.
/// </summary>
[MemoryDiagnoser]
public class TokenIssuingBenchmarks
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private TokenFixture _fixture = null!;
    private SigningCredentials _credentials = null!;

    [Params("RS256", "ES256", "HS256")]
    public string Algorithm { get; set; } = "RS256";

    [GlobalSetup]
    public void Setup()
    {
        _fixture = TokenFixture.Create(Algorithm);
        _credentials = _fixture.SigningKey.Credentials;
    }

    [GlobalCleanup]
    public void Cleanup() => _fixture.Dispose();

    [Benchmark(Baseline = true, Description = "JsonWebTokenHandler.CreateToken")]
    public string JsonWebTokenHandlerCreateToken()
    {
        var subject = TokenFixture.Subject;
        var now = DateTime.UtcNow;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenFixture.Issuer,
            Audience = TokenFixture.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            TokenType = AccessTokenClaims.TokenType,
            SigningCredentials = _credentials,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [JwtRegisteredClaimNames.Sub] = subject.UserId.ToString(),
                [AccessTokenClaims.SessionId] = subject.SessionId.ToString(),
                [JwtRegisteredClaimNames.Jti] = "0123456789abcdefghijkl",
                [AccessTokenClaims.Version] = subject.AuthorizationVersion,
                [AccessTokenClaims.Roles] = subject.Roles.ToArray(),
                [AccessTokenClaims.Permissions] = subject.Permissions.ToArray(),
            },
        });
    }

    [Benchmark(Description = "RbacKit IAccessTokenIssuer")]
    public string RbacKitIssue() => _fixture.TokenIssuer.IssueAsync(TokenFixture.Subject, default).GetAwaiter().GetResult().Token;
}
