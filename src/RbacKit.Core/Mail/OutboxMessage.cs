namespace RbacKit.Mail;

/// <summary>
/// A queued mail. The subject and bodies (which hold single-use links) are stored encrypted with the secret protector; the
/// row is deleted once the mail is delivered.
/// </summary>
public sealed record OutboxMessage
{
    /// <summary>The id (UUID version 7, so ids sort by creation).</summary>
    public Guid Id { get; init; }

    /// <summary>The recipient.</summary>
    public string To { get; init; } = "";

    /// <summary>Subject and bodies, protected at rest (<see cref="Secrets.ISecretProtector"/>).</summary>
    public byte[] ProtectedContent { get; init; } = [];

    /// <summary>When it was queued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Not tried before this instant (retry backoff).</summary>
    public DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>Failed delivery attempts so far.</summary>
    public int Attempts { get; init; }

    /// <summary>The dispatcher run that holds the message; <see langword="null"/> when free.</summary>
    public Guid? ClaimId { get; init; }

    /// <summary>Until when the claim holds; after that another dispatcher may take the message (a crashed sender).</summary>
    public DateTimeOffset? ClaimedUntil { get; init; }

    /// <summary>Why the last attempt failed (the exception type and message, never the content).</summary>
    public string? LastError { get; init; }

    /// <summary>The type and identity only, never secrets, hashes or personal data, so the entity can be logged.</summary>
    public override string ToString() => $"OutboxMessage {Id}";
}
