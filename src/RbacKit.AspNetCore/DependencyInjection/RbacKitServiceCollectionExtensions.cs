using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RbacKit;
using RbacKit.AspNetCore;
using RbacKit.Secrets;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers RbacKit in an ASP.NET Core application that issues tokens.</summary>
public static class RbacKitServiceCollectionExtensions
{
    /// <summary>
    /// Registers RbacKit's core services, the <c>RbacKit</c> bearer scheme (the default authenticate, challenge and forbid
    /// scheme unless the host set a default), authorization with <see cref="RequirePermissionAttribute"/>, problem details,
    /// rate limits, start-up checks (unknown permission names on endpoints, key ring initialization), the background
    /// writer of sessions' last-seen times (<c>Sessions.LastSeenWriteInterval</c>), the background drain of the mail
    /// outbox (through the <c>IEmailSender</c> of <c>AddRbacKitEmailSender</c>) and, when
    /// <c>Tokens.KeyEncryptionKey</c> is empty, ASP.NET Core Data Protection for secrets at rest (outside Development its
    /// keys must be persisted where every instance reads them, for example <c>PersistKeysToDbContext</c> or
    /// <c>PersistKeysToStackExchangeRedis</c>; start-up fails otherwise, because a per-machine key ring makes every
    /// other instance, and this one after a redeploy, unable to read the signing keys). Add a store package
    /// (for example <c>.AddEntityFrameworkStores&lt;TContext&gt;()</c>) and optionally <c>.AddRedis(...)</c>. Calling it again is
    /// harmless: each <paramref name="configure"/> applies in order and services are registered once. The key ring is
    /// loaded by a hosted service before the server starts, so the database must exist by then (migrate before
    /// <c>app.Run()</c>, or in a hosted service registered before this call).
    /// </summary>
    public static RbacKitBuilder AddRbacKit(this IServiceCollection services, Action<RbacKitOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        // Registered before Core's default so that it wins; it keeps Core's AES-GCM protector whenever a KEK is set.
        services.AddDataProtection();
        services.TryAddSingleton(CreateSecretProtector);

        var builder = services.AddRbacKitCore(configure);
        RbacKitWebServices.Add(services);
        services.TryAddSingleton<SessionActivityTracker>();
        services.TryAddSingleton<IAccessTokenAuthorizer, StatefulTokenAuthorizer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SessionActivityFlusher>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KeyRingInitializer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, MailOutboxDrainer>());
        services.TryAddSingleton(_ => new RecoveryRequestQueue());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RecoveryRequestWorker>());
        return builder;
    }

    private static ISecretProtector CreateSecretProtector(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<RbacKitOptions>>();
        if (!string.IsNullOrEmpty(options.Value.Tokens.KeyEncryptionKey))
        {
            return SecretProtectors.Create(options);
        }

        var environment = services.GetService<IHostEnvironment>();
        if (environment?.IsDevelopment() != true
            && services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository is null)
        {
            throw new InvalidOperationException(
                "RbacKit protects its signing keys and TOTP secrets with ASP.NET Core Data Protection because "
                + "RbacKit:Tokens:KeyEncryptionKey is not set, but the Data Protection key ring is not persisted (outside "
                + $"Development, environment '{environment?.EnvironmentName}'), so other instances and the next deployment "
                + "could not read them. Set RbacKit:Tokens:KeyEncryptionKey (32 random bytes, base64), or persist the key "
                + "ring where every instance reads it: services.AddDataProtection().PersistKeysToDbContext<T>(), "
                + ".PersistKeysToStackExchangeRedis(...) or .PersistKeysToFileSystem(shared directory).");
        }

        return new DataProtectionSecretProtector(services.GetRequiredService<IDataProtectionProvider>());
    }
}
