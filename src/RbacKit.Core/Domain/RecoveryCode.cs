namespace RbacKit.Domain;

/// <summary>An MFA recovery code, stored as its SHA-256 hash. Single use.</summary>
public sealed class RecoveryCode
{
    /// <summary>The user.</summary>
    public Guid UserId { get; set; }

    /// <summary>SHA-256 of the normalized code.</summary>
    public byte[] CodeHash { get; set; } = [];

    /// <summary>When it was used; <see langword="null"/> while usable.</summary>
    public DateTimeOffset? UsedAt { get; set; }
}
