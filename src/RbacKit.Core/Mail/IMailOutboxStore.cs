namespace RbacKit.Mail;

/// <summary>Persists the mail outbox. Claims are atomic, so several dispatchers (instances) never take the same message.</summary>
public interface IMailOutboxStore
{
    /// <summary>Queues a message.</summary>
    Task AddAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="count"/> messages due at <paramref name="now"/> (next attempt reached, no live claim) for
    /// <paramref name="claimId"/> until <paramref name="claimedUntil"/>, oldest first, each by a conditional update; returns
    /// the claimed ones.
    /// </summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimAsync(Guid claimId, DateTimeOffset now, DateTimeOffset claimedUntil, int count, CancellationToken cancellationToken);

    /// <summary>Deletes a delivered message if <paramref name="claimId"/> still holds it.</summary>
    Task CompleteAsync(Guid messageId, Guid claimId, CancellationToken cancellationToken);

    /// <summary>Releases a message after a failed attempt: counts it, records <paramref name="failure"/>, and sets the next attempt.</summary>
    Task RetryLaterAsync(Guid messageId, Guid claimId, DateTimeOffset nextAttemptAt, string failure, CancellationToken cancellationToken);

    /// <summary>How many messages are queued (delivered ones are gone).</summary>
    Task<int> CountAsync(CancellationToken cancellationToken);
}
