namespace CinemaAuthHost.Mail;

/// <summary>The host's mail log messages.</summary>
internal static partial class MailLog
{
    [LoggerMessage(EventId = 5601, Level = LogLevel.Information, Message = "Mail written to {Path} (no Smtp:Host configured)")]
    public static partial void Written(ILogger logger, string path);

    [LoggerMessage(EventId = 5602, Level = LogLevel.Information, Message = "Mail written to {Path} (no Smtp:Host configured); its link (Development only): {Link}")]
    public static partial void WrittenWithLink(ILogger logger, string path, string link);

    [LoggerMessage(EventId = 5603, Level = LogLevel.Information, Message = "Mail goes through SMTP at {Host}:{Port} ({Security})")]
    public static partial void UsingSmtp(ILogger logger, string host, int port, SmtpSecurity security);

    [LoggerMessage(EventId = 5604, Level = LogLevel.Information, Message = "No Smtp:Host configured: mail is written as .eml files under {Path}")]
    public static partial void UsingPickupFolder(ILogger logger, string path);
}
