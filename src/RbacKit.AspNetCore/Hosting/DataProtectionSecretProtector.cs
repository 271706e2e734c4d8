using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using RbacKit.Secrets;

namespace RbacKit.AspNetCore;

/// <summary>
/// Protects signing keys and TOTP secrets with ASP.NET Core Data Protection. Every instance must share the Data
/// Protection key ring (for example <c>PersistKeysToDbContext</c> or a shared directory), or set a KEK instead.
/// </summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("RbacKit.Secrets.v1");

    public byte[] Protect(ReadOnlySpan<byte> plaintext)
    {
        var copy = plaintext.ToArray();
        try
        {
            return _protector.Protect(copy);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(copy);
        }
    }

    public byte[] Unprotect(ReadOnlySpan<byte> protectedData) => _protector.Unprotect(protectedData.ToArray());
}
