using CinemaAuthHost.Hosting;
using Microsoft.Extensions.Options;
using RbacKit.Mail;

namespace CinemaAuthHost.Mail;

/// <summary>Chooses how mail leaves the host: SMTP when <c>Smtp:Host</c> is set, else the pickup folder.</summary>
internal static class CinemaMail
{
    public static IServiceCollection AddCinemaMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpSettings>().Bind(configuration.GetSection("Smtp"))
            .Validate(s => string.IsNullOrWhiteSpace(s.Host) || s.EffectivePort is > 0 and < 65536, "Smtp:Port must be between 1 and 65535.")
            .Validate(s => MimeKit.MailboxAddress.TryParse(s.From, out _), "Smtp:From must be a mail address, for example 'Cinema <no-reply@cinema.example>'.")
            .Validate(s => s.Timeout > TimeSpan.Zero, "Smtp:Timeout must be positive.")
            .ValidateOnStart();
        services.Configure<MailOutboxOptions>(configuration.GetSection("Mail:Outbox"));
        services.Configure<MailTemplateOptions>(o => o.ProductName = "Cinema");
        services.AddSingleton(new PickupFolder(Path.Combine(CinemaStorage.DataDirectory(configuration), "mail")));
        if (string.IsNullOrWhiteSpace(configuration["Smtp:Host"]))
        {
            services.AddRbacKitEmailSender<PickupFolderEmailSender>();
        }
        else
        {
            services.AddRbacKitEmailSender<SmtpEmailSender>();
        }

        return services;
    }

    /// <summary>Says at start-up where mail goes (never the password).</summary>
    public static void LogDestination(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("CinemaAuthHost.Mail");
        var smtp = services.GetRequiredService<IOptions<SmtpSettings>>().Value;
        var folder = services.GetRequiredService<PickupFolder>().Path;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            MailLog.UsingPickupFolder(logger, folder);
        }
        else
        {
            MailLog.UsingSmtp(logger, smtp.Host, smtp.EffectivePort, smtp.Security);
        }
    }
}
