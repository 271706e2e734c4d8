using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RbacKit.Accounts.Recovery;
using RbacKit.Domain;
using RbacKit.Mail;

namespace RbacKit.EntityFramework;

/// <summary>The mapping of RbacKit's domain types: names, keys, lengths, indexes for the per-request and per-login queries.</summary>
internal sealed class RbacKitModel(RbacKitModelOptions options)
{
    public const string LoginEventsTable = "login_events";

    public void MapUsers(EntityTypeBuilder<User> user)
    {
        Table(user, "users");
        user.HasKey(u => u.Id);
        user.Property(u => u.Id).ValueGeneratedNever();
        user.Property(u => u.Email).HasMaxLength(254).IsRequired();
        user.Property(u => u.NormalizedEmail).HasMaxLength(254).IsRequired();
        user.HasIndex(u => u.NormalizedEmail).IsUnique();
        // UTS #39 skeletons expand (one character can map to several); 1024 covers a 254-character email. NULL (rows from
        // before the column, until the seeder fills them) is distinct from every value in both providers' unique indexes.
        user.Property(u => u.EmailSkeleton).HasMaxLength(1024);
        user.HasIndex(u => u.EmailSkeleton).IsUnique();
        user.Property(u => u.FirstName).HasMaxLength(100).IsRequired();
        user.Property(u => u.LastName).HasMaxLength(100).IsRequired();
        user.Property(u => u.MiddleName).HasMaxLength(100);
        user.Property(u => u.PasswordHash).HasMaxLength(128).IsRequired();
        user.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
        user.Property(u => u.TotpSecret).HasMaxLength(256);
        user.Property(u => u.PendingTotpSecret).HasMaxLength(256);
        user.HasIndex(u => u.CreatedAt);
    }

    public void MapRoles(EntityTypeBuilder<Role> role, EntityTypeBuilder<RolePermission> permission, EntityTypeBuilder<UserRole> grant)
    {
        Table(role, "roles");
        role.HasKey(r => r.Id);
        role.Property(r => r.Id).ValueGeneratedNever();
        role.Property(r => r.Name).HasMaxLength(64).IsRequired();
        role.Property(r => r.NormalizedName).HasMaxLength(64).IsRequired();
        role.HasIndex(r => r.NormalizedName).IsUnique();
        role.Property(r => r.Description).HasMaxLength(500);
        role.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        role.HasMany(r => r.Permissions).WithOne().HasForeignKey(p => p.RoleId).OnDelete(DeleteBehavior.Cascade);

        Table(permission, "role_permissions");
        permission.HasKey(p => new { p.RoleId, p.Permission });
        permission.Property(p => p.Permission).HasMaxLength(100);

        Table(grant, "user_roles");
        grant.HasKey(g => new { g.UserId, g.RoleId });
        grant.HasIndex(g => g.RoleId);
        grant.HasOne<User>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        grant.HasOne<Role>().WithMany().HasForeignKey(g => g.RoleId).OnDelete(DeleteBehavior.Cascade);
    }

    public void MapSessions(EntityTypeBuilder<Session> session, EntityTypeBuilder<RefreshToken> token)
    {
        Table(session, "sessions");
        session.HasKey(s => s.Id);
        session.Property(s => s.Id).ValueGeneratedNever();
        session.Property(s => s.IpAddress).HasMaxLength(64);
        session.Property(s => s.UserAgent).HasMaxLength(512);
        session.Property(s => s.RevokedReason).HasMaxLength(100);
        session.HasIndex(s => new { s.UserId, s.CreatedAt });
        session.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);

        Table(token, "refresh_tokens");
        token.HasKey(t => t.TokenHash);
        token.Property(t => t.TokenHash).HasMaxLength(32);
        token.HasIndex(t => t.SessionId);
        token.HasOne<Session>().WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void MapEvents(EntityTypeBuilder<LoginEvent> login, EntityTypeBuilder<AuditEvent> audit)
    {
        // The key includes the time: PostgreSQL range partitions need the partition key in the primary key.
        Table(login, LoginEventsTable);
        login.HasKey(e => new { e.Id, e.At });
        login.Property(e => e.Id).ValueGeneratedNever();
        login.Property(e => e.IpAddress).HasMaxLength(64);
        login.Property(e => e.UserAgent).HasMaxLength(512);
        login.Property(e => e.Provider).HasMaxLength(64);
        login.Ignore(e => e.Succeeded);
        // The history's sort (at desc, id desc) read backwards: a page is an index range, never a sort of the set.
        login.HasIndex(e => new { e.UserId, e.At, e.Id });

        Table(audit, "audit_events");
        audit.HasKey(e => e.Id);
        audit.Property(e => e.Id).ValueGeneratedNever();
        audit.Property(e => e.Action).HasMaxLength(64).IsRequired();
        audit.Property(e => e.TargetType).HasMaxLength(32).IsRequired();
        audit.Property(e => e.TargetId).HasMaxLength(64).IsRequired();
        // Newest first by (at, id), overall, of one target, of one actor: keyset pages are index ranges.
        audit.HasIndex(e => new { e.TargetId, e.At, e.Id });
        audit.HasIndex(e => new { e.ActorId, e.At, e.Id });
        audit.HasIndex(e => new { e.At, e.Id });
    }

    public void MapSecrets(EntityTypeBuilder<SigningKey> key, EntityTypeBuilder<RecoveryCode> code, EntityTypeBuilder<PermissionDefinition> definition)
    {
        Table(key, "signing_keys");
        key.HasKey(k => k.KeyId);
        key.Property(k => k.KeyId).HasMaxLength(64);
        key.Property(k => k.Algorithm).HasMaxLength(16).IsRequired();
        key.Property(k => k.ProtectedKey).IsRequired();

        Table(code, "recovery_codes");
        code.HasKey(c => c.Id);
        code.Property(c => c.Id).ValueGeneratedNever();
        code.Property(c => c.Salt).HasMaxLength(16).IsRequired();
        code.Property(c => c.CodeHash).HasMaxLength(32).IsRequired();
        code.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);

        Table(definition, "permissions");
        definition.HasKey(p => p.Name);
        definition.Property(p => p.Name).HasMaxLength(100);
        definition.Property(p => p.Description).HasMaxLength(500);
    }

    public void MapMail(EntityTypeBuilder<MailToken> token, EntityTypeBuilder<OutboxMessage> outbox)
    {
        Table(token, "mail_tokens");
        token.HasKey(t => t.TokenHash);
        token.Property(t => t.TokenHash).HasMaxLength(32);
        token.Property(t => t.NewEmail).HasMaxLength(254);
        token.HasIndex(t => new { t.UserId, t.Purpose });
        token.HasIndex(t => t.ExpiresAt);
        token.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);

        Table(outbox, "mail_outbox");
        outbox.HasKey(m => m.Id);
        outbox.Property(m => m.Id).ValueGeneratedNever();
        outbox.Property(m => m.To).HasMaxLength(254).IsRequired();
        outbox.Property(m => m.ProtectedContent).IsRequired();
        outbox.Property(m => m.LastError).HasMaxLength(500);
        outbox.HasIndex(m => m.NextAttemptAt);
    }

    public void MapClients(EntityTypeBuilder<OAuthClient> client)
    {
        Table(client, "oauth_clients");
        client.HasKey(c => c.Id);
        client.Property(c => c.Id).ValueGeneratedNever();
        client.Property(c => c.ClientId).HasMaxLength(64).IsRequired();
        client.HasIndex(c => c.ClientId).IsUnique();
        client.Property(c => c.Name).HasMaxLength(64).IsRequired();
        client.Property(c => c.SecretHash).HasMaxLength(32).IsRequired();
        // A primitive collection: a JSON array on SQLite, text[] on PostgreSQL.
        client.PrimitiveCollection(c => c.Permissions).IsRequired();
    }

    private void Table<T>(EntityTypeBuilder<T> entity, string name) where T : class =>
        entity.ToTable(options.TablePrefix + name, options.Schema);
}
