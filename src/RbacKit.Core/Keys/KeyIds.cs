using System.Security.Cryptography;
using System.Text;

namespace RbacKit.Keys;

/// <summary>Maps a <c>kid</c> to the <see cref="Caching.AuthorizationChange.Id"/> that announces its withdrawal.</summary>
internal static class KeyIds
{
    /// <summary>The first 16 bytes of SHA-256 over the UTF-8 <c>kid</c>: fixed size whatever the <c>kid</c>'s form.</summary>
    public static Guid ToChangeId(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(keyId), digest);
        return new Guid(digest[..16]);
    }
}
