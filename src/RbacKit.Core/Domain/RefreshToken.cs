namespace RbacKit.Domain;

/// <summary>A refresh token of a session, stored only as its SHA-256 hash. Single use.</summary>
public sealed class RefreshToken
{
    /// <summary>SHA-256 of the token text; the key.</summary>
    public byte[] TokenHash { get; set; } = [];

    /// <summary>The session (token family).</summary>
    public Guid SessionId { get; set; }

    /// <summary>When it was issued.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it stops being accepted (idle lifetime, capped by the session's absolute end).</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When it was spent; a second use revokes the session.</summary>
    public DateTimeOffset? ConsumedAt { get; set; }
}
