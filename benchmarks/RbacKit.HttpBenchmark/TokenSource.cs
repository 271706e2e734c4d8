using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using RbacKit.Benchmarks.Infrastructure;
using RbacKit.Keys;
using RbacKit.Stores;
using RbacKit.Tokens;

namespace RbacKit.HttpBenchmark;

/// <summary>An RS256 key ring in memory and one access token from RbacKit's issuer (2 roles, 10 permissions).</summary>
internal sealed class TokenSource
{
    public const string Issuer = "https://auth.bench.example";
    public const string Audience = "bench-api";

    private TokenSource(string keyId, SecurityKey publicKey, string token)
    {
        KeyId = keyId;
        PublicKey = publicKey;
        Token = token;
    }

    public string KeyId { get; }
    public SecurityKey PublicKey { get; }
    public string Token { get; }

    /// <summary>Creates the key ring on <paramref name="store"/> (a fresh in-memory store when null) under
    /// <paramref name="keyEncryptionKey"/> (a random one when null), so another process can share the key (see TokenMix).</summary>
    public static TokenSource Create(ISigningKeyStore? store = null, string? keyEncryptionKey = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRbacKitCore(o =>
        {
            o.Issuer = Issuer;
            o.Audience = Audience;
            o.Tokens.Algorithm = SecurityAlgorithms.RsaSha256;
            o.Tokens.KeyEncryptionKey = keyEncryptionKey ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            o.Tokens.AccessTokenLifetime = TimeSpan.FromHours(1);
        });
        services.AddSingleton(store ?? new InMemorySigningKeyStore());
        using var provider = services.BuildServiceProvider();
        var ring = provider.GetRequiredService<IKeyRing>();
        ring.InitializeAsync(default).GetAwaiter().GetResult();
        var key = ring.GetCurrentAsync(default).AsTask().GetAwaiter().GetResult();
        var subject = new AccessTokenSubject(
            Guid.CreateVersion7(), Guid.CreateVersion7(), 7, ["moderator", "user"],
            ["movies:read", "movies:write", "series:read", "series:write", "authors:read", "authors:write", "reviews:read", "reviews:moderate", "users:read", "sessions:read"]);
        var token = provider.GetRequiredService<IAccessTokenIssuer>().IssueAsync(subject, default).GetAwaiter().GetResult().Token;
        var rsa = ((RsaSecurityKey)key.Key).Rsa;
        var publicKey = new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = key.KeyId };
        return new TokenSource(key.KeyId, publicKey, token);
    }
}
