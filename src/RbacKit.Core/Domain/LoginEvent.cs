namespace RbacKit.Domain;

/// <summary>One login attempt. Append-only; partitioned by month on PostgreSQL.</summary>
public sealed class LoginEvent
{
    /// <summary>The id (UUID version 7).</summary>
    public Guid Id { get; set; }

    /// <summary>The user, or <see langword="null"/> when the email is unknown.</summary>
    public Guid? UserId { get; set; }

    /// <summary>When it happened; the partition key.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The client address.</summary>
    public string? IpAddress { get; set; }

    /// <summary>The user agent, truncated.</summary>
    public string? UserAgent { get; set; }

    /// <summary>
    /// The external sign-in provider (its configured name) the attempt came through, or <see langword="null"/> for a
    /// password login.
    /// </summary>
    public string? Provider { get; set; }

    /// <summary>The outcome.</summary>
    public LoginOutcome Outcome { get; set; }

    /// <summary>Whether the attempt signed the user in.</summary>
    public bool Succeeded => Outcome == LoginOutcome.Success;
}
