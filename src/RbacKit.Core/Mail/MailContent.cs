using System.Text.Json;
using RbacKit.Secrets;

namespace RbacKit.Mail;

/// <summary>The encrypted part of an outbox row: subject and bodies as JSON, protected with the secret protector.</summary>
internal sealed record MailContent(string Subject, string TextBody, string HtmlBody)
{
    public byte[] Protect(ISecretProtector protector) => protector.Protect(JsonSerializer.SerializeToUtf8Bytes(this));

    public static MailContent Unprotect(ISecretProtector protector, byte[] protectedContent) =>
        JsonSerializer.Deserialize<MailContent>(protector.Unprotect(protectedContent))
            ?? throw new InvalidOperationException("An outbox message has no content.");
}
