using System.Text;
using RbacKit.Accounts.Recovery;
using RbacKit.Domain;
using RbacKit.Mail;

namespace RbacKit.Core.Tests;

/// <summary>The stored entities are immutable records whose text form names the entity and never a secret or personal data.</summary>
public sealed class DomainEntityTests
{
    private static readonly Guid Id = Guid.Parse("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
    private static readonly DateTimeOffset At = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_user_prints_its_id_and_no_hash_secret_or_address()
    {
        var user = new User
        {
            Id = Id,
            Email = "ada@example.com",
            NormalizedEmail = "ADA@EXAMPLE.COM",
            EmailSkeleton = "ada@example.corn",
            FirstName = "Ada",
            LastName = "Lovelace",
            PasswordHash = "$2a$12$secret-password-hash",
            TotpSecret = Encoding.UTF8.GetBytes("totp-secret"),
            PendingTotpSecret = Encoding.UTF8.GetBytes("pending-secret"),
            ConcurrencyStamp = Guid.CreateVersion7(At),
        };

        var text = user.ToString();
        Assert.Equal($"User {Id}", text);
        Assert.DoesNotContain("secret-password-hash", text, StringComparison.Ordinal);
        Assert.DoesNotContain("example.com", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Secret", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Lovelace", text, StringComparison.Ordinal);
        // Interpolation goes through ToString too.
        Assert.Equal($"User {Id}", $"{user}");
    }

    public static TheoryData<object, string> Entities() => new()
    {
        { new Role { Id = Id, Name = "moderator", Permissions = [new RolePermission { RoleId = Id, Permission = "movies:write" }] }, $"Role {Id} (moderator)" },
        { new RolePermission { RoleId = Id, Permission = "movies:write" }, $"RolePermission {Id} movies:write" },
        { new UserRole { UserId = Id, RoleId = Id }, $"UserRole {Id} {Id}" },
        { new Session { Id = Id, UserId = Id, IpAddress = "203.0.113.9", UserAgent = "secret-agent" }, $"Session {Id}" },
        { new RefreshToken { TokenHash = Encoding.UTF8.GetBytes("secret-token"), SessionId = Id }, $"RefreshToken of session {Id}" },
        { new OAuthClient { Id = Id, ClientId = "catalog", Name = "Catalog", SecretHash = Encoding.UTF8.GetBytes("secret-hash") }, "OAuthClient catalog" },
        { new RecoveryCode { Id = Id, UserId = Id, Salt = [1, 2, 3], CodeHash = Encoding.UTF8.GetBytes("secret-code") }, $"RecoveryCode {Id}" },
        { new SigningKey { KeyId = "k1", Algorithm = "ES256", ProtectedKey = Encoding.UTF8.GetBytes("secret-key") }, "SigningKey k1 (ES256)" },
        { new AuditEvent { Id = Id, Action = "role.updated", Before = "{\"secret\":1}", After = "{\"secret\":2}" }, $"AuditEvent {Id} (role.updated)" },
        { new LoginEvent { Id = Id, UserId = Id, IpAddress = "203.0.113.9", UserAgent = "secret-agent", Outcome = LoginOutcome.InvalidPassword }, $"LoginEvent {Id} (InvalidPassword)" },
        { new PermissionDefinition { Name = "movies:read", Description = "Read" }, "PermissionDefinition movies:read" },
        { new MailToken { TokenHash = Encoding.UTF8.GetBytes("secret-token"), UserId = Id, Purpose = MailTokenPurpose.ChangeEmail, NewEmail = "new@example.com" }, $"MailToken of user {Id} (ChangeEmail)" },
        { new OutboxMessage { Id = Id, To = "ada@example.com", ProtectedContent = Encoding.UTF8.GetBytes("secret-body"), LastError = "secret" }, $"OutboxMessage {Id}" },
    };

    [Theory]
    [MemberData(nameof(Entities))]
    public void Every_entity_prints_its_identity_only(object entity, string expected)
    {
        var text = entity.ToString()!;
        Assert.Equal(expected, text);
        Assert.DoesNotContain("secret", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("203.0.113.9", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Byte[]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_is_a_copy_and_leaves_the_original_as_read()
    {
        var read = new User { Id = Id, PasswordHash = "old", UpdatedAt = At };
        var changed = read with { PasswordHash = "new", UpdatedAt = At.AddMinutes(1) };
        Assert.Equal(("old", At), (read.PasswordHash, read.UpdatedAt));
        Assert.Equal(("new", At.AddMinutes(1)), (changed.PasswordHash, changed.UpdatedAt));
        Assert.Equal(read.Id, changed.Id);
        Assert.NotEqual(read, changed);
        Assert.Equal(read, read with { });
    }
}
