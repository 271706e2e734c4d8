using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace RbacKit.Clients;

/// <summary>
/// Client ids and secrets: random values from the CSPRNG, base64url. A secret has 256 bits, so it is stored as SHA-256
/// (a slow password hash adds nothing to a value that cannot be guessed) and compared in constant time.
/// </summary>
internal static class ClientSecrets
{
    public const int SecretBytes = 32;

    /// <summary>Longest text that can be a secret or client id; anything longer is refused before hashing.</summary>
    public const int MaxTextLength = 128;

    public static string NewClientId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));

    public static string NewSecret() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(SecretBytes));

    public static byte[] Hash(string secret)
    {
        Span<byte> utf8 = stackalloc byte[MaxTextLength * 3];
        var length = Encoding.UTF8.GetBytes(secret.AsSpan(0, Math.Min(secret.Length, MaxTextLength)), utf8);
        return SHA256.HashData(utf8[..length]);
    }

    public static bool Matches(string secret, byte[] hash) =>
        secret.Length <= MaxTextLength && CryptographicOperations.FixedTimeEquals(Hash(secret), hash);

    /// <summary>The change-feed id of a client: a digest of its <c>client_id</c>, so resource servers match it against tokens.</summary>
    public static Guid ToChangeId(string clientId)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes("client:" + clientId), digest);
        return new Guid(digest[..16]);
    }
}
