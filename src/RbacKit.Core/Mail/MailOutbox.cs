using RbacKit.Secrets;

namespace RbacKit.Mail;

internal sealed class MailOutbox(IMailOutboxStore store, ISecretProtector protector, TimeProvider time) : IMailOutbox
{
    public Task EnqueueAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow();
        return store.AddAsync(new OutboxMessage
        {
            Id = IdGenerator.NewId(time),
            To = message.To,
            ProtectedContent = new MailContent(message.Subject, message.TextBody, message.HtmlBody).Protect(protector),
            CreatedAt = now,
            NextAttemptAt = now,
        }, cancellationToken);
    }
}
