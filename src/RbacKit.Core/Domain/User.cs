namespace RbacKit.Domain;

/// <summary>A person who signs in. Never hard-deleted: <see cref="IsActive"/> is cleared instead.</summary>
public sealed class User
{
    /// <summary>The id (UUID version 7).</summary>
    public Guid Id { get; set; }

    /// <summary>The email as the user typed it.</summary>
    public string Email { get; set; } = "";

    /// <summary>The email for lookups (<see cref="Normalizer.NormalizeKey"/>); unique.</summary>
    public string NormalizedEmail { get; set; } = "";

    /// <summary>
    /// The UTS #39 skeleton of the email (<see cref="Normalizer.EmailSkeleton"/>); unique, so an address that looks like
    /// another account's cannot be registered. <see langword="null"/> only for accounts stored before it existed, until
    /// <see cref="Seeding.IRbacSeeder.SeedAsync"/> fills it in.
    /// </summary>
    public string? EmailSkeleton { get; set; }

    /// <summary>
    /// Whether the owner proved control of <see cref="Email"/> (a confirmation link, or a password reset link sent there).
    /// Cleared never; an email change sets it once the new address is confirmed.
    /// </summary>
    public bool EmailConfirmed { get; set; }

    /// <summary>The first name.</summary>
    public string FirstName { get; set; } = "";

    /// <summary>The last name.</summary>
    public string LastName { get; set; } = "";

    /// <summary>The middle name, if any.</summary>
    public string? MiddleName { get; set; }

    /// <summary>The password hash (BCrypt of a SHA-384 pre-hash).</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>False once the account is deactivated (soft delete).</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Bumped by every change that affects what the user may do (roles, deactivation).</summary>
    public long AuthorizationVersion { get; set; } = 1;

    /// <summary>Changes on every update; optimistic concurrency token.</summary>
    public Guid ConcurrencyStamp { get; set; }

    /// <summary>Whether TOTP is required at login.</summary>
    public bool MfaEnabled { get; set; }

    /// <summary>The confirmed TOTP secret, protected at rest.</summary>
    public byte[]? TotpSecret { get; set; }

    /// <summary>A TOTP secret awaiting confirmation, protected at rest.</summary>
    public byte[]? PendingTotpSecret { get; set; }

    /// <summary>The last accepted TOTP time step; a code of this step or earlier is refused.</summary>
    public long? TotpLastStep { get; set; }

    /// <summary>Failed logins since the last success or lockout.</summary>
    public int FailedLoginCount { get; set; }

    /// <summary>When set and in the future, logins are refused.</summary>
    public DateTimeOffset? LockoutEnd { get; set; }

    /// <summary>When the user registered.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the record last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the account was deactivated.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }
}
