using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RbacKit;
using RbacKit.AspNetCore;
using RbacKit.Caching;
using RbacKit.Keys;
using RbacKit.Permissions;
using RbacKit.TokenValidation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers RbacKit for a service that only consumes an issuer's tokens.</summary>
public static class RbacKitResourceServerServiceCollectionExtensions
{
    /// <summary>
    /// Validates the issuer's access tokens offline with keys read from <c>{Authority}/.well-known/openid-configuration</c>
    /// and its JWKS, and authorizes <see cref="RequirePermissionAttribute"/> from the token's <c>perms</c> claim expanded
    /// against <see cref="RbacKitResourceServerOptions.Permissions"/>. No database. Add <c>.AddRedis(...)</c> to hear
    /// revocations. Options are validated at start-up. Calling it again is harmless: configurations accumulate.
    /// </summary>
    public static RbacKitResourceServerBuilder AddRbacKitResourceServer(this IServiceCollection services, Action<RbacKitResourceServerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<RbacKitResourceServerOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RbacKitResourceServerOptions>, RbacKitResourceServerOptionsValidator>());
        services.AddHttpClient(RbacKitResourceServerOptions.HttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(10);
            client.MaxResponseContentBufferSize = 1024 * 1024;
        });

        services.AddRbacKitAccessTokenValidation();
        services.AddOptions<AccessTokenValidationOptions>().Configure<IOptions<RbacKitResourceServerOptions>>((validation, resource) =>
        {
            var value = resource.Value;
            validation.Issuer = value.ExpectedIssuer;
            validation.Audience = value.Audience;
            validation.Tokens = new TokenOptions
            {
                ClockSkew = value.ClockSkew,
                // The longest lifetime a token of this issuer may claim (exp - iat); longer ones are refused.
                AccessTokenLifetime = value.MaxAccessTokenLifetime,
                MaxTokenSize = value.MaxTokenSize,
                UnknownKeyRefreshInterval = value.UnknownKeyRefreshInterval,
            };
        });

        DecorateValidator(services);
        services.TryAddSingleton<RemoteKeySource>();
        services.TryAddSingleton<IValidationKeySource>(sp => sp.GetRequiredService<RemoteKeySource>());
        services.TryAddSingleton(sp => new PermissionCatalog(sp.GetRequiredService<IOptions<RbacKitResourceServerOptions>>().Value.Permissions.Build()));
        services.TryAddSingleton<IAuthorizationChangeFeed, InProcessChangeFeed>();
        services.TryAddSingleton<RevocationList>();
        services.TryAddSingleton<IAccessTokenAuthorizer, OfflineTokenAuthorizer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RemoteKeyRefresher>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RevocationListActivator>());
        RbacKitWebServices.Add(services);
        return new RbacKitResourceServerBuilder(services);
    }

    /// <summary>Wraps the registered <see cref="IAccessTokenValidator"/> so opaque tokens are introspected (once, however often this runs).</summary>
    private static void DecorateValidator(IServiceCollection services)
    {
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(IAccessTokenValidator));
        if (descriptor is null || descriptor.ImplementationFactory?.Target is IntrospectionMarker)
        {
            return;
        }

        services.Remove(descriptor);
        var marker = new IntrospectionMarker(descriptor);
        services.Add(ServiceDescriptor.Describe(typeof(IAccessTokenValidator), marker.Create, descriptor.Lifetime));
    }

    private sealed class IntrospectionMarker(ServiceDescriptor inner)
    {
        public IntrospectingTokenValidator Create(IServiceProvider services)
        {
            var validator = inner.ImplementationInstance as IAccessTokenValidator
                ?? inner.ImplementationFactory?.Invoke(services) as IAccessTokenValidator
                ?? (IAccessTokenValidator)ActivatorUtilities.CreateInstance(services, inner.ImplementationType!);
            return ActivatorUtilities.CreateInstance<IntrospectingTokenValidator>(services, validator);
        }
    }
}
