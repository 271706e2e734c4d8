
namespace RbacKit.Secrets;

/// <summary>Protects secrets at rest: private signing keys and TOTP secrets.</summary>
public interface ISecretProtector
{
    /// <summary>Encrypts and authenticates <paramref name="plaintext"/>.</summary>
    byte[] Protect(ReadOnlySpan<byte> plaintext);

    /// <summary>Decrypts data made by <see cref="Protect"/>; throws <see cref="System.Security.Cryptography.CryptographicException"/> when it was tampered with or made with another key.</summary>
    byte[] Unprotect(ReadOnlySpan<byte> protectedData);
}
