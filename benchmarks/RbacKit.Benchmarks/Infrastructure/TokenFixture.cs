using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using RbacKit.Keys;
using RbacKit.Stores;
using RbacKit.TokenValidation;
using RbacKit.Tokens;

namespace RbacKit.Benchmarks.Infrastructure;

/// <summary>
/// RbacKit's token services built through DI (<c>AddRbacKitCore</c>) over an in-memory key store, for one algorithm: the
/// issuer, a validator with the validated-token cache and one without, a realistic token, and the raw key material.
/// </summary>
internal sealed class TokenFixture : IDisposable
{
    public const string Issuer = "https://auth.cinema.example";
    public const string Audience = "cinema-api";

    private readonly ServiceProvider _cached;
    private readonly ServiceProvider _uncached;

    private TokenFixture(string algorithm)
    {
        var store = new InMemorySigningKeyStore();
        var kek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _cached = Build(store, kek, algorithm, cacheSize: 10_000);
        _uncached = Build(store, kek, algorithm, cacheSize: 0);
        var ring = _cached.GetRequiredService<IKeyRing>();
        ring.InitializeAsync(default).GetAwaiter().GetResult();
        _uncached.GetRequiredService<IKeyRing>().InitializeAsync(default).GetAwaiter().GetResult();
        TokenIssuer = _cached.GetRequiredService<IAccessTokenIssuer>();
        CachedValidator = _cached.GetRequiredService<IAccessTokenValidator>();
        UncachedValidator = _uncached.GetRequiredService<IAccessTokenValidator>();
        SigningKey = ring.GetCurrentAsync(default).AsTask().GetAwaiter().GetResult();
        Token = NewToken();
    }

    public IAccessTokenIssuer TokenIssuer { get; }
    public IAccessTokenValidator CachedValidator { get; }
    public IAccessTokenValidator UncachedValidator { get; }
    public RingKey SigningKey { get; }
    public string Token { get; }

    /// <summary>Two roles and ten permissions: a typical staff user of the cinema.</summary>
    public static AccessTokenSubject Subject { get; } = new(
        Guid.CreateVersion7(), Guid.CreateVersion7(), 7, ["moderator", "user"],
        ["movies:read", "movies:write", "series:read", "series:write", "authors:read", "authors:write", "reviews:read", "reviews:moderate", "users:read", "sessions:read"]);

    public static TokenFixture Create(string algorithm) => new(algorithm);

    public string NewToken() => TokenIssuer.IssueAsync(Subject, default).GetAwaiter().GetResult().Token;

    /// <summary>A validator without the validated-token cache and with the given reading caches (the paired pool benchmark).</summary>
    internal AccessTokenValidator CreateUncachedValidator(TokenReadingCaches caches) => new(
        _uncached.GetRequiredService<IValidationKeySource>(),
        _uncached.GetRequiredService<Microsoft.Extensions.Options.IOptions<AccessTokenValidationOptions>>(),
        TimeProvider.System,
        caches);

    /// <summary>A public-only copy of the signing key, as a verifier of the same token would hold it.</summary>
    public SecurityKey PublicKey() => SigningKey.Key switch
    {
        RsaSecurityKey rsa => new RsaSecurityKey(rsa.Rsa.ExportParameters(false)) { KeyId = SigningKey.KeyId },
        ECDsaSecurityKey ec => new ECDsaSecurityKey(ImportEc(ec.ECDsa.ExportParameters(false))) { KeyId = SigningKey.KeyId },
        SymmetricSecurityKey symmetric => new SymmetricSecurityKey(symmetric.Key) { KeyId = SigningKey.KeyId },
        _ => throw new NotSupportedException(),
    };

    public void Dispose()
    {
        _cached.Dispose();
        _uncached.Dispose();
    }

    private static ECDsa ImportEc(ECParameters parameters)
    {
        var ec = ECDsa.Create();
        ec.ImportParameters(parameters);
        return ec;
    }

    private static ServiceProvider Build(ISigningKeyStore store, string kek, string algorithm, int cacheSize)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddRbacKitCore(o =>
        {
            o.Issuer = Issuer;
            o.Audience = Audience;
            o.Tokens.Algorithm = algorithm;
            o.Tokens.KeyEncryptionKey = kek;
            o.Tokens.AccessTokenLifetime = TimeSpan.FromHours(1);
            o.Tokens.ValidatedTokenCacheSize = cacheSize;
        });
        services.AddSingleton(store);
        return services.BuildServiceProvider();
    }
}
