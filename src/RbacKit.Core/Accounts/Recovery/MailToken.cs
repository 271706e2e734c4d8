namespace RbacKit.Accounts.Recovery;

/// <summary>A mail token as stored: only the SHA-256 of the secret sent in the link is kept.</summary>
public sealed record MailToken
{
    /// <summary>SHA-256 of the token text (32 bytes); the key.</summary>
    public byte[] TokenHash { get; init; } = [];

    /// <summary>The account the token belongs to.</summary>
    public Guid UserId { get; init; }

    /// <summary>What the token may be used for.</summary>
    public MailTokenPurpose Purpose { get; init; }

    /// <summary>The pending new address for <see cref="MailTokenPurpose.ChangeEmail"/>; otherwise <see langword="null"/>.</summary>
    public string? NewEmail { get; init; }

    /// <summary>When it was issued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>After this instant the token is refused.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When it was used; <see langword="null"/> while usable.</summary>
    public DateTimeOffset? UsedAt { get; init; }

    /// <summary>The type and identity only, never secrets, hashes or personal data, so the entity can be logged.</summary>
    public override string ToString() => $"MailToken of user {UserId} ({Purpose})";
}
