using Microsoft.Extensions.Options;

namespace RbacKit.Secrets;

/// <summary>Chooses the default <see cref="ISecretProtector"/> from options.</summary>
internal static class SecretProtectors
{
    /// <summary>Whether <paramref name="value"/> is base64 of exactly 32 bytes.</summary>
    public static bool IsValidKeyEncryptionKey(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new byte[48];
        return Convert.TryFromBase64String(value, buffer, out var written) && written == 32;
    }

    /// <summary>
    /// The default protector: AES-256-GCM with <see cref="TokenOptions.KeyEncryptionKey"/> when set, plaintext when
    /// <see cref="TokenOptions.AllowUnprotectedKeys"/> is on, otherwise an exception that says what to configure.
    /// </summary>
    public static ISecretProtector Create(IOptions<RbacKitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
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
