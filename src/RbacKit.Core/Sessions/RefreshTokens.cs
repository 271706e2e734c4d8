using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace RbacKit.Sessions;

/// <summary>Opaque refresh tokens: 256 bits from the CSPRNG, base64url; stored only as SHA-256.</summary>
internal static class RefreshTokens
{
    public const int ByteLength = 32;

    /// <summary>Longest text that can be a refresh token; anything longer is refused before hashing.</summary>
    public const int MaxTextLength = 64;

    public static string Create() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(ByteLength));

    public static byte[] Hash(string token)
    {
        Span<byte> utf8 = stackalloc byte[MaxTextLength * 3];
        var length = Encoding.UTF8.GetBytes(token, utf8);
        return SHA256.HashData(utf8[..length]);
    }
}
