using Microsoft.Extensions.DependencyInjection.Extensions;
using RbacKit.Accounts.Recovery;
using RbacKit.Mail;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers RbacKit's mail outbox, templates and the account recovery service.</summary>
public static class MailServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMailOutbox"/>, the default <see cref="IEmailTemplates"/>, the mail tokens and
    /// <see cref="IAccountRecoveryService"/>. Called by <c>AddRbacKitCore</c>. The <see cref="IMailOutboxStore"/> and
    /// <see cref="IMailTokenStore"/> come from a store package; the sender from <see cref="AddRbacKitEmailSender{TSender}"/>.
    /// Safe to call repeatedly.
    /// </summary>
    public static IServiceCollection AddRbacKitMail(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRbacKitMailTokens();
        services.AddOptions<MailTemplateOptions>();
        services.AddOptions<MailOutboxOptions>().Validate(
            o => o.BatchSize > 0 && o.PollInterval > TimeSpan.Zero && o.ClaimDuration > TimeSpan.Zero && o.RetryBaseDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.RetryBaseDelay,
            "RbacKit: Mail outbox settings must be positive (BatchSize, PollInterval, ClaimDuration, RetryBaseDelay <= MaxRetryDelay).");
        services.TryAddKeyedSingleton<IEmailTemplates, DefaultEmailTemplates>(MailTemplateOptions.DefaultTemplatesKey);
        services.TryAddSingleton(sp => sp.GetRequiredKeyedService<IEmailTemplates>(MailTemplateOptions.DefaultTemplatesKey));
        services.TryAddScoped<IMailOutbox, MailOutbox>();
        services.TryAddScoped<AccountMailer>();
        services.TryAddScoped<IAccountRecoveryService, AccountRecoveryService>();
        return services;
    }

    /// <summary>
    /// Delivers queued mail through <typeparamref name="TSender"/> (a singleton): registers it as <see cref="IEmailSender"/>
    /// and the <see cref="IMailOutboxDispatcher"/> that uses it. The first sender registered wins.
    /// </summary>
    public static IServiceCollection AddRbacKitEmailSender<TSender>(this IServiceCollection services) where TSender : class, IEmailSender
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IEmailSender, TSender>();
        services.TryAddScoped<IMailOutboxDispatcher, MailOutboxDispatcher>();
        return services;
    }
}
