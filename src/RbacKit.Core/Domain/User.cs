namespace RbacKit.Domain;

/// <summary>A person who signs in. Never hard-deleted: <see cref="IsActive"/> is cleared instead.</summary>
public sealed record User
{
    /// <summary>The id (UUID version 7).</summary>
    public Guid Id { get; init; }

    /// <summary>The email as the user typed it.</summary>
    public string Email { get; init; } = "";

    /// <summary>The email for lookups (<see cref="Normalizer.NormalizeKey"/>); unique.</summary>
    public string NormalizedEmail { get; init; } = "";

    /// <summary>
    /// The UTS #39 skeleton of the email (<see cref="Normalizer.EmailSkeleton"/>); unique, so an address that looks like
    /// another account's cannot be registered. <see langword="null"/> only for accounts stored before it existed, until
    /// <see cref="Seeding.IRbacSeeder.SeedAsync"/> fills it in.
    /// </summary>
    public string? EmailSkeleton { get; init; }

    /// <summary>
    /// Whether the owner proved control of <see cref="Email"/> (a confirmation link, or a password reset link sent there).
    /// Cleared never; an email change sets it once the new address is confirmed.
    /// </summary>
    public bool EmailConfirmed { get; init; }

    /// <summary>The first name.</summary>
    public string FirstName { get; init; } = "";

    /// <summary>The last name.</summary>
    public string LastName { get; init; } = "";

    /// <summary>The middle name, if any.</summary>
    public string? MiddleName { get; init; }

    /// <summary>The password hash (BCrypt of a SHA-384 pre-hash).</summary>
    public string PasswordHash { get; init; } = "";

    /// <summary>False once the account is deactivated (soft delete).</summary>
    public bool IsActive { get; init; } = true;

    /// <summary>Bumped by every change that affects what the user may do (roles, deactivation).</summary>
    public long AuthorizationVersion { get; init; } = 1;

    /// <summary>Changes on every update; optimistic concurrency token.</summary>
    public Guid ConcurrencyStamp { get; init; }

    /// <summary>Whether TOTP is required at login.</summary>
    public bool MfaEnabled { get; init; }

    /// <summary>The confirmed TOTP secret, protected at rest.</summary>
    public byte[]? TotpSecret { get; init; }

    /// <summary>A TOTP secret awaiting confirmation, protected at rest.</summary>
    public byte[]? PendingTotpSecret { get; init; }

    /// <summary>The last accepted TOTP time step; a code of this step or earlier is refused.</summary>
    public long? TotpLastStep { get; init; }

    /// <summary>Failed logins since the last success or lockout.</summary>
    public int FailedLoginCount { get; init; }

    /// <summary>When set and in the future, logins are refused.</summary>
    public DateTimeOffset? LockoutEnd { get; init; }

    /// <summary>When the user registered.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the record last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the account was deactivated.</summary>
    public DateTimeOffset? DeactivatedAt { get; init; }

    /// <summary>The type and identity only, never secrets, hashes or personal data, so the entity can be logged.</summary>
    public override string ToString() => $"User {Id}";
}
