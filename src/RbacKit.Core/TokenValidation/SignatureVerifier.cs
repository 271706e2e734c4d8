using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;
using RbacKit.Keys;

namespace RbacKit.TokenValidation;

/// <summary>
/// Verifies JWS signatures with one key's raw material (no IdentityModel on the hot path). Built once per key and reused;
/// the material is copied out of the <see cref="SecurityKey"/> (public part only for asymmetric keys). The cryptographic
/// objects live in an <see cref="InstancePool{T}"/>: each call rents its own, and <see cref="Dispose"/> (the key was
/// withdrawn or replaced) releases them.
/// </summary>
internal abstract class SignatureVerifier : IDisposable
{
    public abstract JwsAlgorithm Algorithm { get; }

    /// <summary>The exact length of a signature in bytes; anything else fails before any cryptography.</summary>
    public abstract int SignatureLength { get; }

    /// <summary>Whether <see cref="Dispose"/> ran.</summary>
    public abstract bool IsDisposed { get; }

    public abstract bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature);

    public abstract void Dispose();

    public static JwsAlgorithm Parse(string? algorithm) => algorithm switch
    {
        SigningAlgorithms.RS256 => JwsAlgorithm.RS256,
        SigningAlgorithms.ES256 => JwsAlgorithm.ES256,
        SigningAlgorithms.HS256 => JwsAlgorithm.HS256,
        _ => JwsAlgorithm.Unsupported,
    };

    /// <summary>A verifier for <paramref name="key"/> used with <paramref name="algorithm"/>, or null when the key does not fit it.</summary>
    public static SignatureVerifier? Create(SecurityKey key, JwsAlgorithm algorithm, bool pooledHmac = true)
    {
        try
        {
            return algorithm switch
            {
                JwsAlgorithm.RS256 => ReadRsa(key) is { } p ? RsaVerifier.Create(p) : null,
                JwsAlgorithm.ES256 => ReadEc(key) is { } p ? EcdsaVerifier.Create(p) : null,
                JwsAlgorithm.HS256 => ReadSymmetric(key) is { Length: >= 32 } secret ? new HmacVerifier(secret, pooledHmac) : null,
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

    /// <summary>An asymmetric verifier: every call rents its own instance of the key's object from the pool.</summary>
    private abstract class PooledVerifier<T>(InstancePool<T> pool) : SignatureVerifier
        where T : class, IDisposable
    {
        public override bool IsDisposed => pool.IsClosed;

        public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
        {
            var instance = pool.Rent();
            try
            {
                return Verify(instance, signingInput, signature);
            }
            finally
            {
                pool.Return(instance);
            }
        }

        public override void Dispose() => pool.Dispose();

        protected abstract bool Verify(T instance, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature);
    }

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256; the signature is exactly the modulus length. Keys under 2048 bits are refused.</summary>
    private sealed class RsaVerifier(InstancePool<RSA> pool, int signatureLength) : PooledVerifier<RSA>(pool)
    {
        public override JwsAlgorithm Algorithm => JwsAlgorithm.RS256;

        public override int SignatureLength => signatureLength;

        public static RsaVerifier? Create(RSAParameters parameters)
        {
            var rsa = RSA.Create(parameters);
            if (rsa.KeySize < 2048)
            {
                rsa.Dispose();
                return null;
            }

            var pool = new InstancePool<RSA>(() => RSA.Create(parameters));
            pool.Return(rsa);
            return new RsaVerifier(pool, (rsa.KeySize + 7) / 8);
        }

        protected override bool Verify(RSA instance, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) =>
            instance.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>ECDSA P-256 with SHA-256; the signature is the 64-byte IEEE P1363 concatenation r || s (JWS form), never DER.</summary>
    private sealed class EcdsaVerifier(InstancePool<ECDsa> pool) : PooledVerifier<ECDsa>(pool)
    {
        public override JwsAlgorithm Algorithm => JwsAlgorithm.ES256;

        public override int SignatureLength => 64;

        public static EcdsaVerifier? Create(ECParameters parameters)
        {
            var publicOnly = new ECParameters { Curve = parameters.Curve, Q = parameters.Q };
            var ec = ECDsa.Create(publicOnly);
            if (ec.KeySize != 256)
            {
                ec.Dispose();
                return null;
            }

            var pool = new InstancePool<ECDsa>(() => ECDsa.Create(publicOnly));
            pool.Return(ec);
            return new EcdsaVerifier(pool);
        }

        protected override bool Verify(ECDsa instance, ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) =>
            instance.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>
    /// HMAC-SHA256 compared in constant time; secrets under 256 bits are refused. Keyed instances are pooled: the one-shot
    /// API sets the key up in OpenSSL on every call (see benchmarks/results/paired-token-pools.md: one-shot costs about 45 % more).
    /// </summary>
    private sealed class HmacVerifier : SignatureVerifier
    {
        private readonly byte[] _secret;
        private readonly InstancePool<IncrementalHash>? _pool;
        private volatile bool _disposed;

        public HmacVerifier(byte[] secret, bool pooled)
        {
            _secret = secret;
            _pool = pooled ? new InstancePool<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret)) : null;
        }

        public override JwsAlgorithm Algorithm => JwsAlgorithm.HS256;

        public override int SignatureLength => HMACSHA256.HashSizeInBytes;

        public override bool IsDisposed => _disposed;

        public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
        {
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            if (_pool is null)
            {
                HMACSHA256.HashData(_secret, signingInput, mac);
            }
            else
            {
                var hmac = _pool.Rent();
                try
                {
                    hmac.AppendData(signingInput);
                    hmac.GetHashAndReset(mac);
                }
                catch
                {
                    hmac.Dispose();
                    throw;
                }

                _pool.Return(hmac);
            }

            return CryptographicOperations.FixedTimeEquals(mac, signature);
        }

        public override void Dispose()
        {
            _disposed = true;
            _pool?.Dispose();
            CryptographicOperations.ZeroMemory(_secret);
        }
    }
}
