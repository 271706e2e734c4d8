using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using RbacKit.Keys;
using RbacKit.TokenValidation;

namespace RbacKit.Core.Tests;

/// <summary>The validator over other key sources: remote JSON web keys, keys that do not fit, keys that change under a known header.</summary>
public sealed partial class AccessTokenValidatorTests
{
    [Fact]
    public async Task Json_web_keys_from_a_remote_key_set_validate()
    {
        var p = _rsa.ExportParameters(false);
        var jwk = new JsonWebKey { Kty = "RSA", Kid = _kid, N = Base64UrlEncoder.Encode(p.Modulus), E = Base64UrlEncoder.Encode(p.Exponent) };
        await using var services = RemoteValidator(new StaticKeySource(_kid, jwk, "RS256"), out var validator);
        Assert.True((await validator.ValidateAsync(Sign(Header(), Claims()), default)).IsValid);
    }

    [Fact]
    public async Task A_key_that_does_not_fit_its_algorithm_is_refused()
    {
        var p = _rsa.ExportParameters(false);
        var jwk = new JsonWebKey { Kty = "RSA", Kid = _kid, N = Base64UrlEncoder.Encode(p.Modulus), E = Base64UrlEncoder.Encode(p.Exponent) };
        await using (var services = RemoteValidator(new StaticKeySource(_kid, jwk, "ES256"), out var validator))
        {
            Assert.Equal(TokenFailure.UnsupportedAlgorithm, (await validator.ValidateAsync(Sign(Header(), Claims()), default)).Failure);
        }

        using var weak = RSA.Create(1024);
        await using (var services = RemoteValidator(new StaticKeySource(_kid, new RsaSecurityKey(weak.ExportParameters(false)), "RS256"), out var validator))
        {
            Assert.Equal(TokenFailure.UnsupportedAlgorithm, (await validator.ValidateAsync(Sign(Header(), Claims(), weak), default)).Failure);
        }
    }

    [Fact]
    public async Task A_header_seen_before_still_has_its_key_looked_up_and_its_signature_checked()
    {
        using var other = RSA.Create(2048);
        var keys = new MutableKeySource { Kid = _kid, Key = new RsaSecurityKey(_rsa.ExportParameters(false)) };
        await using var services = RemoteValidator(keys, out var validator);
        async Task<TokenFailure> Check(string token) => (await validator.ValidateAsync(token, default)).Failure;

        Assert.Equal(TokenFailure.None, await Check(Sign(Header(), Claims()))); // the header is now known
        var genuine = Sign(Header(), Claims());
        var altered = Sign(Header(), Claims(extra: ""","perms":["x:y"]"""));
        Assert.Equal(TokenFailure.InvalidSignature, await Check(altered[..altered.LastIndexOf('.')] + genuine[genuine.LastIndexOf('.')..]));
        Assert.Equal(TokenFailure.InvalidSignature, await Check(Sign(Header(), Claims(), other)));

        keys.Key = new RsaSecurityKey(other.ExportParameters(false)); // same kid, new key
        Assert.Equal(TokenFailure.InvalidSignature, await Check(Sign(Header(), Claims())));
        Assert.Equal(TokenFailure.None, await Check(Sign(Header(), Claims(), other)));

        keys.Algorithm = "ES256"; // the key's algorithm no longer matches the remembered header's
        Assert.Equal(TokenFailure.UnsupportedAlgorithm, await Check(Sign(Header(), Claims(), other)));

        keys.Key = null; // withdrawn
        Assert.Equal(TokenFailure.UnknownKey, await Check(Sign(Header(), Claims(), other)));
    }

    private ServiceProvider RemoteValidator(IValidationKeySource keys, out IAccessTokenValidator validator)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(_host.Time.GetUtcNow()));
        services.AddSingleton(keys);
        services.AddRbacKitAccessTokenValidation();
        services.Configure<AccessTokenValidationOptions>(o =>
        {
            o.Issuer = "https://auth.test";
            o.Audience = "cinema-api";
        });
        var provider = services.BuildServiceProvider();
        validator = provider.GetRequiredService<IAccessTokenValidator>();
        return provider;
    }

    private sealed class MutableKeySource : IValidationKeySource
    {
        public string Kid { get; set; } = "";

        public SecurityKey? Key { get; set; }

        public string Algorithm { get; set; } = "RS256";

        public bool TryGetKey(string keyId, [NotNullWhen(true)] out SecurityKey? found, [NotNullWhen(true)] out string? foundAlgorithm)
        {
            found = keyId == Kid ? Key : null;
            foundAlgorithm = found is null ? null : Algorithm;
            return found is not null;
        }

        public ValueTask<bool> RefreshForUnknownKeyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }

    private sealed class StaticKeySource(string kid, SecurityKey key, string algorithm) : IValidationKeySource
    {
        public bool TryGetKey(string keyId, [NotNullWhen(true)] out SecurityKey? found, [NotNullWhen(true)] out string? foundAlgorithm)
        {
            var known = keyId == kid;
            found = known ? key : null;
            foundAlgorithm = known ? algorithm : null;
            return known;
        }

        public ValueTask<bool> RefreshForUnknownKeyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }
}
