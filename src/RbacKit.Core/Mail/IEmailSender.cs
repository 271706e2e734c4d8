namespace RbacKit.Mail;

/// <summary>
/// Delivers one mail (SMTP, a pickup folder, a provider's API). Called by the outbox dispatcher, never on a request: a
/// failure (an exception) leaves the message queued for a later attempt.
/// </summary>
public interface IEmailSender
{
    /// <summary>Delivers <paramref name="message"/>; throws when it was not accepted.</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
