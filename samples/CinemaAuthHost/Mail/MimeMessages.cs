using MimeKit;
using RbacKit.Mail;

namespace CinemaAuthHost.Mail;

/// <summary>Builds the MIME message (multipart/alternative: plain text, then HTML) that both senders deliver.</summary>
internal static class MimeMessages
{
    public static MimeMessage Create(EmailMessage message, string from, DateTimeOffset date)
    {
        var mime = new MimeMessage { Subject = message.Subject, Date = date };
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}
