namespace RbacKit.Mail;

/// <summary>Queues mail for delivery by <see cref="IMailOutboxDispatcher"/>; the request that queues it never waits for SMTP.</summary>
public interface IMailOutbox
{
    /// <summary>Queues <paramref name="message"/> (its content encrypted at rest).</summary>
    Task EnqueueAsync(EmailMessage message, CancellationToken cancellationToken);
}
