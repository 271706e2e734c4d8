
namespace RbacKit.Secrets;

/// <summary>Stores secrets as they are. Only with <see cref="TokenOptions.AllowUnprotectedKeys"/> (development).</summary>
internal sealed class PlaintextSecretProtector : ISecretProtector
{
    public byte[] Protect(ReadOnlySpan<byte> plaintext) => plaintext.ToArray();

    public byte[] Unprotect(ReadOnlySpan<byte> protectedData) => protectedData.ToArray();
}
