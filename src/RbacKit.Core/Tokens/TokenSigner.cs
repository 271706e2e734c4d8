using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using RbacKit.Keys;

namespace RbacKit.Tokens;

/// <summary>
/// Signs compact JWS tokens with one ring key's raw material: the header is encoded once per key, the payload and the
/// signature go through pooled buffers. Null from <see cref="Create"/> when the key is of a kind it does not know.
/// </summary>
internal abstract class TokenSigner
{
    private readonly byte[] _encodedHeader;

    protected TokenSigner(string algorithm, string keyId) =>
        _encodedHeader = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $$"""{"alg":"{{algorithm}}","kid":"{{JsonEncodedText.Encode(keyId)}}","typ":"{{AccessTokenClaims.TokenType}}"}""")));

    protected abstract int MaxSignatureLength { get; }

    public static TokenSigner? Create(RingKey key) => (key.Algorithm, key.Key) switch
    {
        (SigningAlgorithms.RS256, RsaSecurityKey { Rsa: { } rsa }) => new RsaSigner(key.KeyId, rsa),
        (SigningAlgorithms.ES256, ECDsaSecurityKey { ECDsa: { KeySize: 256 } ec }) => new EcdsaSigner(key.KeyId, ec),
        (SigningAlgorithms.HS256, SymmetricSecurityKey { Key.Length: >= 32 } symmetric) => new HmacSigner(key.KeyId, symmetric.Key),
        _ => null,
    };

    /// <summary>The compact JWS of <paramref name="payload"/> (UTF-8 JSON).</summary>
    public string Sign(ReadOnlySpan<byte> payload)
    {
        var inputLength = _encodedHeader.Length + 1 + Base64Url.GetEncodedLength(payload.Length);
        var signatureChars = Base64Url.GetEncodedLength(MaxSignatureLength);
        var buffer = ArrayPool<byte>.Shared.Rent(inputLength + 1 + signatureChars + MaxSignatureLength);
        try
        {
            var span = buffer.AsSpan();
            _encodedHeader.CopyTo(span);
            span[_encodedHeader.Length] = (byte)'.';
            Base64Url.EncodeToUtf8(payload, span[(_encodedHeader.Length + 1)..], out _, out _);
            var signature = span.Slice(inputLength + 1 + signatureChars, MaxSignatureLength);
            var signatureLength = SignCore(span[..inputLength], signature);
            span[inputLength] = (byte)'.';
            var written = Base64Url.EncodeToUtf8(signature[..signatureLength], span[(inputLength + 1)..], out _, out var encoded);
            return written == OperationStatus.Done
                ? Encoding.ASCII.GetString(span[..(inputLength + 1 + encoded)])
                : throw new CryptographicException("The signature could not be encoded.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected abstract int SignCore(ReadOnlySpan<byte> input, Span<byte> signature);

    private sealed class RsaSigner(string keyId, RSA rsa) : TokenSigner(SigningAlgorithms.RS256, keyId)
    {
        protected override int MaxSignatureLength { get; } = (rsa.KeySize + 7) / 8;

        protected override int SignCore(ReadOnlySpan<byte> input, Span<byte> signature) =>
            rsa.SignData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private sealed class EcdsaSigner(string keyId, ECDsa ec) : TokenSigner(SigningAlgorithms.ES256, keyId)
    {
        protected override int MaxSignatureLength => 64;

        protected override int SignCore(ReadOnlySpan<byte> input, Span<byte> signature) =>
            ec.SignData(input, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    // A signer lives as long as its RingKey (the issuer keeps it in a ConditionalWeakTable); its pooled handles are
    // released by their finalizers with it, as the key's own RSA or ECDsa object is.
#pragma warning disable CA1001
    private sealed class HmacSigner(string keyId, byte[] secret) : TokenSigner(SigningAlgorithms.HS256, keyId)
#pragma warning restore CA1001
    {
        private readonly InstancePool<IncrementalHash> _hmac = new(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret));

        protected override int MaxSignatureLength => HMACSHA256.HashSizeInBytes;

        protected override int SignCore(ReadOnlySpan<byte> input, Span<byte> signature)
        {
            var hmac = _hmac.Rent();
            try
            {
                hmac.AppendData(input);
                hmac.GetHashAndReset(signature);
            }
            catch
            {
                hmac.Dispose();
                throw;
            }

            _hmac.Return(hmac);
            return HMACSHA256.HashSizeInBytes;
        }
    }
}
