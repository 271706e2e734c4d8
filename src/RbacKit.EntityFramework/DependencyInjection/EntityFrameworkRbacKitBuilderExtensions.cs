using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RbacKit;
using RbacKit.EntityFramework;
using RbacKit.Accounts.Recovery;
using RbacKit.Mail;
using RbacKit.Stores;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers RbacKit's EF Core stores.</summary>
public static class EntityFrameworkRbacKitBuilderExtensions
{
    /// <summary>
    /// Uses <typeparamref name="TContext"/> (which must apply <c>ApplyRbacKitModel</c>) for every RbacKit store. The context is
    /// resolved from DI (register it with <c>AddDbContext</c> or <c>AddDbContextPool</c>). Safe to call repeatedly.
    /// </summary>
    public static RbacKitBuilder AddEntityFrameworkStores<TContext>(this RbacKitBuilder builder) where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddScoped<IUserStore, EfUserStore<TContext>>();
        services.TryAddScoped<IRoleStore, EfRoleStore<TContext>>();
        services.TryAddScoped<ISessionStore, EfSessionStore<TContext>>();
        services.TryAddScoped<ILoginEventStore, EfLoginEventStore<TContext>>();
        services.TryAddScoped<IAuditEventStore, EfAuditEventStore<TContext>>();
        services.TryAddScoped<ISigningKeyStore, EfSigningKeyStore<TContext>>();
        services.TryAddScoped<IRecoveryCodeStore, EfRecoveryCodeStore<TContext>>();
        services.TryAddScoped<IPermissionDefinitionStore, EfPermissionDefinitionStore<TContext>>();
        services.TryAddScoped<IMailTokenStore, EfMailTokenStore<TContext>>();
        services.TryAddScoped<IMailOutboxStore, EfMailOutboxStore<TContext>>();
        services.TryAddScoped<IOAuthClientStore, EfOAuthClientStore<TContext>>();
        services.TryAddScoped<ILoginHistoryPartitions, LoginHistoryPartitions<TContext>>();
        services.TryAddScoped<IDatabaseErrors>(provider => DatabaseErrors.For(provider.GetRequiredService<TContext>()));
        return builder;
    }
}
