using Microsoft.Extensions.DependencyInjection.Extensions;
using RbacKit.Accounts.Recovery;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers RbacKit's account recovery and verification services.</summary>
public static class RecoveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMailTokenService"/>. An <see cref="IMailTokenStore"/> must come from a store package.
    /// Calling it again applies <paramref name="configure"/> again and registers services once.
    /// </summary>
    public static IServiceCollection AddRbacKitMailTokens(this IServiceCollection services, Action<MailTokenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<MailTokenOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.ResetPasswordLifetime > TimeSpan.Zero && o.ConfirmEmailLifetime > TimeSpan.Zero, "Mail token lifetimes must be positive.");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<IMailTokenService, MailTokenService>();
        return services;
    }
}
