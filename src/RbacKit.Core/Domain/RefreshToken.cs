namespace RbacKit.Domain;

/// <summary>A refresh token of a session, stored only as its SHA-256 hash. Single use.</summary>
public sealed record RefreshToken
{
    /// <summary>SHA-256 of the token text; the key.</summary>
    public byte[] TokenHash { get; init; } = [];

    /// <summary>The session (token family).</summary>
    public Guid SessionId { get; init; }

    /// <summary>When it was issued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it stops being accepted (idle lifetime, capped by the session's absolute end).</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When it was spent; a second use revokes the session.</summary>
    public DateTimeOffset? ConsumedAt { get; init; }

    /// <summary>The type and identity only, never secrets, hashes or personal data, so the entity can be logged.</summary>
    public override string ToString() => $"RefreshToken of session {SessionId}";
}
