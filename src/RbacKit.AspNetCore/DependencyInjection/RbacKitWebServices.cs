using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RbacKit.AspNetCore;

/// <summary>What the issuer and a resource server share: the bearer scheme, authorization, problem details, rate limits, start-up checks.</summary>
internal static class RbacKitWebServices
{
    public static void Add(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(RbacKitWebMarker)))
        {
            return;
        }

        services.AddSingleton<RbacKitWebMarker>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<RbacKitWebMetrics>();

        services.AddAuthentication().AddScheme<RbacKitBearerOptions, RbacKitBearerHandler>(RbacKitAuthenticationDefaults.AuthenticationScheme, null);
        services.PostConfigure<AuthenticationOptions>(options =>
        {
            // The host's own defaults win; otherwise RbacKit authenticates, challenges and forbids.
            if (options.DefaultScheme is null)
            {
                options.DefaultAuthenticateScheme ??= RbacKitAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme ??= RbacKitAuthenticationDefaults.AuthenticationScheme;
                options.DefaultForbidScheme ??= RbacKitAuthenticationDefaults.AuthenticationScheme;
            }
        });

        services.AddAuthorization();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, PermissionAuthorizationHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HubOptions>, PermissionHubFilterSetup>());
        ReplaceFrameworkDefault<IAuthorizationMiddlewareResultHandler, AuthorizationMiddlewareResultHandler, RbacKitAuthorizationResultHandler>(services);
        ReplaceFrameworkDefault<IPolicyEvaluator, PolicyEvaluator, RbacKitPolicyEvaluator>(services);
        services.AddProblemDetails();

        services.AddOptions<RbacKitEndpointOptions>();
        services.AddOptions<RbacKitRateLimitOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RbacKitRateLimitOptions>, RbacKitRateLimitOptionsValidator>());
        services.TryAddSingleton<RbacKitRateLimiters>();
        services.TryAddSingleton<RbacKitEndpointRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, EndpointPermissionValidator>());
    }

    /// <summary>
    /// Registers RbacKit's <typeparamref name="TRbacKit"/> as the <typeparamref name="TService"/> unless the host chose its
    /// own: only a missing registration or the framework's <typeparamref name="TFramework"/> is replaced. Used for the
    /// authorization middleware's result handler and policy evaluator (the same answers, fewer objects per request).
    /// </summary>
    private static void ReplaceFrameworkDefault<TService, TFramework, TRbacKit>(IServiceCollection services)
        where TService : class
        where TRbacKit : class, TService
    {
        var existing = services.LastOrDefault(d => d.ServiceType == typeof(TService));
        if (existing is null || existing.ImplementationType == typeof(TFramework))
        {
            services.Replace(ServiceDescriptor.Singleton<TService, TRbacKit>());
        }
    }
}
