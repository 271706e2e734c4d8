namespace RbacKit.Domain;

/// <summary>
/// An MFA recovery code, stored only as a salted password hash (PBKDF2-HMAC-SHA256 with a per-code random salt,
/// ASVS 5.0 V6.5). Single use.
/// </summary>
public sealed record RecoveryCode
{
    /// <summary>The identifier of this code; the store consumes a code by it.</summary>
    public Guid Id { get; init; }

    /// <summary>The user.</summary>
    public Guid UserId { get; init; }

    /// <summary>The random salt of this code (16 bytes).</summary>
    public byte[] Salt { get; init; } = [];

    /// <summary>The PBKDF2 iteration count the hash was made with, so the work factor can be raised later.</summary>
    public int Iterations { get; init; }

    /// <summary>PBKDF2-HMAC-SHA256 of the normalized code with <see cref="Salt"/> (32 bytes).</summary>
    public byte[] CodeHash { get; init; } = [];

    /// <summary>When it was used; <see langword="null"/> while usable.</summary>
    public DateTimeOffset? UsedAt { get; init; }

    /// <summary>The type and identity only, never secrets, hashes or personal data, so the entity can be logged.</summary>
    public override string ToString() => $"RecoveryCode {Id}";
}
