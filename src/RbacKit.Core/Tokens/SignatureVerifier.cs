using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace RbacKit.Tokens;

/// <summary>The JWS algorithms the validator understands.</summary>
internal enum JwsAlgorithm
{
    Unsupported = 0,
    RS256,
    ES256,
    HS256,
}

/// <summary>
/// Verifies JWS signatures with one key's raw material (no IdentityModel on the hot path). Built once per key and reused;
/// the material is copied out of the <see cref="SecurityKey"/> (public part only for asymmetric keys).
/// </summary>
internal abstract class SignatureVerifier
{
    public abstract JwsAlgorithm Algorithm { get; }

    /// <summary>The exact length of a signature in bytes; anything else fails before any cryptography.</summary>
    public abstract int SignatureLength { get; }

    public abstract bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature);

    public static JwsAlgorithm Parse(string? algorithm) => algorithm switch
    {
        SigningAlgorithms.RS256 => JwsAlgorithm.RS256,
        SigningAlgorithms.ES256 => JwsAlgorithm.ES256,
        SigningAlgorithms.HS256 => JwsAlgorithm.HS256,
        _ => JwsAlgorithm.Unsupported,
    };

    /// <summary>A verifier for <paramref name="key"/> used with <paramref name="algorithm"/>, or null when the key does not fit it.</summary>
    public static SignatureVerifier? Create(SecurityKey key, JwsAlgorithm algorithm)
    {
        try
        {
            return algorithm switch
            {
                JwsAlgorithm.RS256 => ReadRsa(key) is { } p ? RsaVerifier.Create(p) : null,
                JwsAlgorithm.ES256 => ReadEc(key) is { } p ? EcdsaVerifier.Create(p) : null,
                JwsAlgorithm.HS256 => ReadSymmetric(key) is { Length: >= 32 } secret ? new HmacVerifier(secret) : null,
                _ => null,
            };
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static RSAParameters? ReadRsa(SecurityKey key) => key switch
    {
        RsaSecurityKey { Rsa: { } rsa } => rsa.ExportParameters(false),
        RsaSecurityKey { Parameters.Modulus: not null } k => new RSAParameters { Modulus = k.Parameters.Modulus, Exponent = k.Parameters.Exponent },
        JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.RSA, N: { Length: > 0 } n, E: { Length: > 0 } e } =>
            new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(n), Exponent = Base64UrlEncoder.DecodeBytes(e) },
        X509SecurityKey x509 => ExportAndDispose(x509.Certificate.GetRSAPublicKey()),
        _ => null,
    };

    private static RSAParameters? ExportAndDispose(RSA? rsa)
    {
        using (rsa)
        {
            return rsa?.ExportParameters(false);
        }
    }

    private static ECParameters? ReadEc(SecurityKey key) => key switch
    {
        ECDsaSecurityKey { ECDsa: { } ec } => ec.ExportParameters(false),
        JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.EllipticCurve, Crv: "P-256", X: { Length: > 0 } x, Y: { Length: > 0 } y } => new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(x), Y = Base64UrlEncoder.DecodeBytes(y) },
        },
        X509SecurityKey x509 => ExportAndDispose(x509.Certificate.GetECDsaPublicKey()),
        _ => null,
    };

    private static ECParameters? ExportAndDispose(ECDsa? ec)
    {
        using (ec)
        {
            return ec?.ExportParameters(false);
        }
    }

    private static byte[]? ReadSymmetric(SecurityKey key) => key switch
    {
        SymmetricSecurityKey symmetric => (byte[])symmetric.Key.Clone(),
        JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.Octet, K: { Length: > 0 } k } => Base64UrlEncoder.DecodeBytes(k),
        _ => null,
    };

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256; the signature is exactly the modulus length. Keys under 2048 bits are refused.</summary>
    private sealed class RsaVerifier : SignatureVerifier
    {
        private readonly RSA _rsa;

        private RsaVerifier(RSA rsa, int signatureLength)
        {
            _rsa = rsa;
            SignatureLength = signatureLength;
        }

        public override JwsAlgorithm Algorithm => JwsAlgorithm.RS256;

        public override int SignatureLength { get; }

        public static RsaVerifier? Create(RSAParameters parameters)
        {
            var rsa = RSA.Create();
            try
            {
                rsa.ImportParameters(parameters);
                if (rsa.KeySize < 2048)
                {
                    rsa.Dispose();
                    return null;
                }

                return new RsaVerifier(rsa, (rsa.KeySize + 7) / 8);
            }
            catch
            {
                rsa.Dispose();
                throw;
            }
        }

        public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) =>
            _rsa.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>ECDSA P-256 with SHA-256; the signature is the 64-byte IEEE P1363 concatenation r || s (JWS form), never DER.</summary>
    private sealed class EcdsaVerifier(ECDsa ec) : SignatureVerifier
    {
        public override JwsAlgorithm Algorithm => JwsAlgorithm.ES256;

        public override int SignatureLength => 64;

        public static EcdsaVerifier? Create(ECParameters parameters)
        {
            var ec = ECDsa.Create();
            try
            {
                ec.ImportParameters(new ECParameters { Curve = parameters.Curve, Q = parameters.Q });
                if (ec.KeySize != 256)
                {
                    ec.Dispose();
                    return null;
                }

                return new EcdsaVerifier(ec);
            }
            catch
            {
                ec.Dispose();
                throw;
            }
        }

        public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) =>
            ec.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>HMAC-SHA256 (pooled keyed instances, see <see cref="HmacPool"/>) compared in constant time. Secrets under 256 bits are refused.</summary>
    private sealed class HmacVerifier(byte[] secret) : SignatureVerifier
    {
        private readonly HmacPool _hmac = new(secret);

        public override JwsAlgorithm Algorithm => JwsAlgorithm.HS256;

        public override int SignatureLength => HMACSHA256.HashSizeInBytes;

        public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
        {
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            _hmac.Compute(signingInput, mac);
            return CryptographicOperations.FixedTimeEquals(mac, signature);
        }
    }
}
