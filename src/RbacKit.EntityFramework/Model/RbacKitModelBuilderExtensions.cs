using Microsoft.EntityFrameworkCore.Infrastructure;
using RbacKit.Accounts.Recovery;
using RbacKit.Domain;
using RbacKit.Mail;
using RbacKit.EntityFramework;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds RbacKit's tables to a consumer's model, so they live in the consumer's DbContext and migrations.</summary>
public static class RbacKitModelBuilderExtensions
{
    /// <summary>
    /// Maps users, roles, grants, sessions, refresh tokens, login and audit events, signing keys, recovery codes,
    /// permission definitions, mail tokens, the mail outbox and OAuth clients. Call from <c>OnModelCreating</c>: <c>modelBuilder.ApplyRbacKitModel(Database)</c>.
    /// The <paramref name="database"/> tells the provider (SQLite stores times as Unix milliseconds; PostgreSQL gets the
    /// user-search indexes, <see cref="RbacKitModelOptions.PostgresSearchIndexes"/>).
    /// </summary>
    public static ModelBuilder ApplyRbacKitModel(this ModelBuilder modelBuilder, DatabaseFacade database, Action<RbacKitModelOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ArgumentNullException.ThrowIfNull(database);
        var options = new RbacKitModelOptions
        {
            StoreTimesAsUnixMilliseconds = database.ProviderName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true,
            PostgresSearchIndexes = database.ProviderName?.Contains("Npgsql", StringComparison.OrdinalIgnoreCase) == true,
        };
        configure?.Invoke(options);
        return modelBuilder.ApplyRbacKitModel(options);
    }

    /// <summary>Maps RbacKit's entities with explicit <paramref name="options"/>.</summary>
    public static ModelBuilder ApplyRbacKitModel(this ModelBuilder modelBuilder, RbacKitModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ArgumentNullException.ThrowIfNull(options);
        var model = new RbacKitModel(options);
        model.MapUsers(modelBuilder.Entity<User>());
        if (options.PostgresSearchIndexes)
        {
            // Npgsql's own annotation (HasPostgresExtension), set by name: this library references no provider.
            modelBuilder.HasAnnotation(RbacKitModel.PostgresExtensionAnnotation + "pg_trgm", ",,");
        }

        model.MapRoles(modelBuilder.Entity<Role>(), modelBuilder.Entity<RolePermission>(), modelBuilder.Entity<UserRole>());
        model.MapSessions(modelBuilder.Entity<Session>(), modelBuilder.Entity<RefreshToken>());
        model.MapEvents(modelBuilder.Entity<LoginEvent>(), modelBuilder.Entity<AuditEvent>());
        model.MapSecrets(modelBuilder.Entity<SigningKey>(), modelBuilder.Entity<RecoveryCode>(), modelBuilder.Entity<PermissionDefinition>());
        model.MapMail(modelBuilder.Entity<MailToken>(), modelBuilder.Entity<OutboxMessage>());
        model.MapClients(modelBuilder.Entity<OAuthClient>());
        if (options.StoreTimesAsUnixMilliseconds)
        {
            // RbacKit's entities only: the domain types and the mail types, which live in their feature namespaces.
            string?[] namespaces = [typeof(User).Namespace, typeof(MailToken).Namespace, typeof(OutboxMessage).Namespace];
            foreach (var property in modelBuilder.Model.GetEntityTypes()
                .Where(t => namespaces.Contains(t.ClrType.Namespace))
                .SelectMany(t => t.GetProperties())
                .Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
            {
                property.SetValueConverter(new UnixMillisecondsConverter());
            }
        }

        return modelBuilder;
    }
}
