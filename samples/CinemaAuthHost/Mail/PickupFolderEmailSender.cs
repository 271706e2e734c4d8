using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using RbacKit.Mail;

namespace CinemaAuthHost.Mail;

/// <summary>
/// Without <c>Smtp:Host</c>: writes each mail as an <c>.eml</c> file under <c>{Data:Directory}/mail</c> and logs the path.
/// In Development it also logs the link of the mail, so a newcomer can click through; elsewhere the link (a single-use
/// secret) stays in the file only.
/// </summary>
internal sealed partial class PickupFolderEmailSender(
    IOptions<SmtpSettings> settings,
    PickupFolder folder,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<PickupFolderEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        using var mime = MimeMessages.Create(message, settings.Value.From, now);
        Directory.CreateDirectory(folder.Path);
        var path = Path.Combine(folder.Path, $"{now:yyyyMMdd'T'HHmmssfff}-{Guid.CreateVersion7(now):N}.eml");
        var partial = path + ".tmp";
        await mime.WriteToAsync(partial, cancellationToken);
        File.Move(partial, path);
        var link = environment.IsDevelopment() ? LinkPattern().Match(message.TextBody) is { Success: true } match ? match.Value : null : null;
        if (link is null)
        {
            MailLog.Written(logger, path);
        }
        else
        {
            MailLog.WrittenWithLink(logger, path, link);
        }
    }

    [GeneratedRegex(@"https?://\S+\?token=[A-Za-z0-9_-]+", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();
}
