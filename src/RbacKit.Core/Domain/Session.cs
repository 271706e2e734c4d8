namespace RbacKit.Domain;

/// <summary>One login on one device: the <c>sid</c> of its access tokens and the family of its refresh tokens.</summary>
public sealed record Session
{
    /// <summary>The id; the <c>sid</c> claim.</summary>
    public Guid Id { get; init; }

    /// <summary>The user.</summary>
    public Guid UserId { get; init; }

    /// <summary>When the login happened.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// When the session was last used: a refresh, or a request with one of its access tokens (written at most once per
    /// <see cref="SessionOptions.LastSeenWriteInterval"/>, so it may lag by up to about twice that).
    /// </summary>
    public DateTimeOffset LastSeenAt { get; init; }

    /// <summary>The absolute end: no refresh after this, whatever the activity.</summary>
    public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The client address at login, if known.</summary>
    public string? IpAddress { get; init; }

    /// <summary>The user agent at login, truncated.</summary>
    public string? UserAgent { get; init; }

    /// <summary>When the session was ended; <see langword="null"/> while it lives.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Why it ended (<c>logout</c>, <c>token_reused</c>, <c>password_changed</c>, ...).</summary>
    public string? RevokedReason { get; init; }

    /// <summary>Whether the session can still be used at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    /// <summary>The type and identity only, never secrets, hashes or personal data, so the entity can be logged.</summary>
    public override string ToString() => $"Session {Id}";
}
