using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace RbacKit.Keys;

/// <summary>Creates key material and loads it into IdentityModel keys.</summary>
internal static class SigningKeyFactory
{
    public static byte[] CreatePrivateKey(string algorithm, int rsaKeySize) => algorithm switch
    {
        SigningAlgorithms.RS256 => ExportRsa(rsaKeySize),
        SigningAlgorithms.ES256 => ExportEc(),
        SigningAlgorithms.HS256 => RandomNumberGenerator.GetBytes(32),
        _ => throw new NotSupportedException($"Algorithm '{algorithm}' is not supported."),
    };

    public static SecurityKey Load(string keyId, string algorithm, byte[] material)
    {
        switch (algorithm)
        {
            case SigningAlgorithms.RS256:
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(material, out _);
                return new RsaSecurityKey(rsa) { KeyId = keyId };
            case SigningAlgorithms.ES256:
                var ec = ECDsa.Create();
                ec.ImportPkcs8PrivateKey(material, out _);
                return new ECDsaSecurityKey(ec) { KeyId = keyId };
            case SigningAlgorithms.HS256:
                return new SymmetricSecurityKey(material) { KeyId = keyId };
            default:
                throw new NotSupportedException($"Algorithm '{algorithm}' is not supported.");
        }
    }

    public static JsonWebKeyDocument? ToPublicJwk(RingKey key) => key.Key switch
    {
        RsaSecurityKey { Rsa: { } rsa } => FromRsa(key, rsa.ExportParameters(false)),
        ECDsaSecurityKey { ECDsa: { } ec } => FromEc(key, ec.ExportParameters(false)),
        _ => null, // symmetric keys are never published
    };

    public static string NewKeyId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));

    private static JsonWebKeyDocument FromRsa(RingKey key, RSAParameters p) => new()
    {
        KeyType = "RSA",
        KeyId = key.KeyId,
        Algorithm = key.Algorithm,
        Modulus = Base64UrlEncoder.Encode(p.Modulus),
        Exponent = Base64UrlEncoder.Encode(p.Exponent),
    };

    private static JsonWebKeyDocument FromEc(RingKey key, ECParameters p) => new()
    {
        KeyType = "EC",
        KeyId = key.KeyId,
        Algorithm = key.Algorithm,
        Curve = "P-256",
        X = Base64UrlEncoder.Encode(p.Q.X),
        Y = Base64UrlEncoder.Encode(p.Q.Y),
    };

    private static byte[] ExportRsa(int size)
    {
        using var rsa = RSA.Create(size);
        return rsa.ExportPkcs8PrivateKey();
    }

    private static byte[] ExportEc()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ec.ExportPkcs8PrivateKey();
    }
}
