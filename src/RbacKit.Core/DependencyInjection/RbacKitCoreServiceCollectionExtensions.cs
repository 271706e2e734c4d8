using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using RbacKit;
using RbacKit.Accounts;
using RbacKit.Administration;
using RbacKit.Caching;
using RbacKit.Clients;
using RbacKit.Mfa;
using RbacKit.Passwords;
using RbacKit.Permissions;
using RbacKit.Seeding;
using RbacKit.Sessions;
using RbacKit.Tokens;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers RbacKit's core services.</summary>
public static class RbacKitCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the token, session, password, MFA, account and administration services. A host that starts them refuses
    /// to start when Unicode normalization is unavailable (invariant globalization). Stores come from a store package
    /// (for example <c>AddEntityFrameworkStores</c>). Options are validated at start-up. Calling it again is harmless: each
    /// <paramref name="configure"/> is applied in order and services are registered once.
    /// </summary>
    public static RbacKitBuilder AddRbacKitCore(this IServiceCollection services, Action<RbacKitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<RbacKitOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        // Account services normalize emails and passwords: a host must not start where that silently does nothing.
        services.AddOptions<UnicodeSupportCheck>().Validate(_ => UnicodeSupport.IsAvailable, UnicodeSupport.Message).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RbacKitOptions>, RbacKitOptionsValidator>());
        services.AddOptions<AccessTokenValidationOptions>().Configure<IOptions<RbacKitOptions>>((validation, rbac) =>
        {
            validation.Issuer = rbac.Value.Issuer;
            validation.Audience = rbac.Value.Audience;
            validation.Tokens = rbac.Value.Tokens;
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<RbacKitMetrics>();
        services.TryAddSingleton(sp => new PermissionCatalog(sp.GetRequiredService<IOptions<RbacKitOptions>>().Value.Permissions.Build()));
        services.TryAddSingleton<IPermissionResolver, PermissionResolver>();
        services.TryAddSingleton<IAuthorizationChangeFeed, InProcessChangeFeed>();
        services.TryAddSingleton<IAuthorizationStateProvider, AuthorizationStateProvider>();

        services.TryAddSingleton<IPasswordHasher, BCryptPasswordHasher>();
        services.TryAddSingleton<IPasswordPolicy, PasswordPolicy>();

        services.TryAddSingleton(sp => SecretProtectors.Create(sp.GetRequiredService<IOptions<RbacKitOptions>>()));
        services.TryAddSingleton<IKeyRing, KeyRing>();
        services.TryAddSingleton<IValidationKeySource>(sp => sp.GetRequiredService<IKeyRing>());
        services.TryAddSingleton<IAccessTokenIssuer, AccessTokenIssuer>();
        services.AddRbacKitAccessTokenValidation();

        services.TryAddScoped<ISessionService, SessionService>();
        services.TryAddScoped<IMfaService, MfaService>();
        services.TryAddScoped<TokenPairFactory>();
        services.TryAddScoped<IAuthService, AuthService>();
        services.TryAddScoped<AccountProofs>();
        services.TryAddScoped<IAccountService, AccountService>();
        services.AddRbacKitMail();
        services.TryAddScoped<EscalationGuard>();
        services.TryAddScoped<IRoleService, RoleService>();
        services.TryAddScoped<IUserAdministrationService, UserAdministrationService>();
        services.TryAddScoped<IAuditLogService, AuditLogService>();
        services.TryAddScoped<IRbacSeeder, RbacSeeder>();
        services.TryAddScoped<IClientService, ClientService>();
        return new RbacKitBuilder(services);
    }

    /// <summary>
    /// Registers only the access-token validator, for services that consume tokens without issuing them. The caller
    /// registers an <see cref="IValidationKeySource"/> (for example a remote JWKS) and configures
    /// <see cref="AccessTokenValidationOptions"/>. Safe to call repeatedly.
    /// </summary>
    public static IServiceCollection AddRbacKitAccessTokenValidation(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AccessTokenValidationOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAccessTokenValidator, AccessTokenValidator>();
        return services;
    }
}
