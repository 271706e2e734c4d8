namespace RbacKit.Domain;

/// <summary>One login attempt. Append-only; partitioned by month on PostgreSQL.</summary>
public sealed record LoginEvent
{
    /// <summary>The id (UUID version 7).</summary>
    public Guid Id { get; init; }

    /// <summary>The user, or <see langword="null"/> when the email is unknown.</summary>
    public Guid? UserId { get; init; }

    /// <summary>When it happened; the partition key.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The client address.</summary>
    public string? IpAddress { get; init; }

    /// <summary>The user agent, truncated.</summary>
    public string? UserAgent { get; init; }

    /// <summary>
    /// The external sign-in provider (its configured name) the attempt came through, or <see langword="null"/> for a
    /// password login.
    /// </summary>
    public string? Provider { get; init; }

    /// <summary>The outcome.</summary>
    public LoginOutcome Outcome { get; init; }

    /// <summary>Whether the attempt signed the user in.</summary>
    public bool Succeeded => Outcome == LoginOutcome.Success;

    /// <summary>The type and identity only, never secrets, hashes or personal data, so the entity can be logged.</summary>
    public override string ToString() => $"LoginEvent {Id} ({Outcome})";
}
