using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using RbacKit.Mail;

namespace CinemaAuthHost.Mail;

/// <summary>Sends through SMTP with MailKit, one connection per message; any failure throws, and the outbox retries later.</summary>
internal sealed class SmtpEmailSender(IOptions<SmtpSettings> settings, TimeProvider time) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var smtp = settings.Value;
        using var mime = MimeMessages.Create(message, smtp.From, time.GetUtcNow());
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        var security = smtp.Security switch
        {
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(smtp.Host!, smtp.EffectivePort, security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
