namespace RbacKit.Accounts.Recovery;

/// <summary>Persists mail tokens (hashes only).</summary>
public interface IMailTokenStore
{
    /// <summary>Stores a newly issued token.</summary>
    Task AddAsync(MailToken token, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the token as used and returns it when it exists, has <paramref name="purpose"/>, is unused and has not expired
    /// at <paramref name="now"/>; otherwise returns <see langword="null"/>. Atomic (a conditional update), so a token works
    /// once under concurrency.
    /// </summary>
    Task<MailToken?> TryConsumeAsync(byte[] tokenHash, MailTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes the user's unused tokens of <paramref name="purpose"/> (an older link stops working when a new one is sent).</summary>
    Task RevokeAsync(Guid userId, MailTokenPurpose purpose, CancellationToken cancellationToken);
}
