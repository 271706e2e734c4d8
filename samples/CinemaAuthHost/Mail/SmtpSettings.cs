namespace CinemaAuthHost.Mail;

/// <summary>The <c>Smtp</c> section. Without <see cref="Host"/> mail is written as <c>.eml</c> files under <c>{Data:Directory}/mail</c>.</summary>
public sealed class SmtpSettings
{
    /// <summary>The SMTP server; empty for the pickup folder.</summary>
    public string? Host { get; set; }

    /// <summary>The port; 0 for the default of <see cref="Security"/> (25, 587 or 465).</summary>
    public int Port { get; set; }

    /// <summary>How the connection is secured. Default <see cref="SmtpSecurity.StartTls"/>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>The user name, when the server wants authentication.</summary>
    public string? UserName { get; set; }

    /// <summary>The password of <see cref="UserName"/>; never logged.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address, for example <c>Cinema &lt;no-reply@cinema.example&gt;</c>.</summary>
    public string From { get; set; } = "Cinema <no-reply@localhost>";

    /// <summary>How long one SMTP operation may take. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public int EffectivePort => Port > 0 ? Port : Security switch
    {
        SmtpSecurity.SslOnConnect => 465,
        SmtpSecurity.StartTls => 587,
        _ => 25,
    };
}
