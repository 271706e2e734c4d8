using Microsoft.Extensions.Options;
using RbacKit.Tokens;

namespace RbacKit;

/// <summary>Chooses the default <see cref="ISecretProtector"/> from options.</summary>
internal static class SecretProtectors
{
    public static bool IsValidKeyEncryptionKey(string value)
    {
        var buffer = new byte[48];
        return Convert.TryFromBase64String(value, buffer, out var written) && written == 32;
    }

    public static ISecretProtector Create(IOptions<RbacKitOptions> options)
    {
        var tokens = options.Value.Tokens;
        if (!string.IsNullOrEmpty(tokens.KeyEncryptionKey))
        {
            return new AesGcmSecretProtector(Convert.FromBase64String(tokens.KeyEncryptionKey));
        }

        return tokens.AllowUnprotectedKeys
            ? new PlaintextSecretProtector()
            : throw new InvalidOperationException(
                "RbacKit: no protection for signing keys and TOTP secrets at rest. Set Tokens.KeyEncryptionKey to base64 of 32 random bytes, " +
                "register an ISecretProtector (RbacKit.AspNetCore uses ASP.NET Core Data Protection), or for development set Tokens.AllowUnprotectedKeys = true.");
    }
}
