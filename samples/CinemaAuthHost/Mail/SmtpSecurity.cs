namespace CinemaAuthHost.Mail;

/// <summary>How the SMTP connection is secured (<c>Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text; only for a relay on loopback or a trusted network.</summary>
    None,
    /// <summary>Upgrade with STARTTLS, and refuse a server that does not offer it (port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}
