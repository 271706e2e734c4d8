namespace RbacKit.Stores;

/// <summary>Persists MFA recovery codes (hashes only).</summary>
public interface IRecoveryCodeStore
{
    /// <summary>Replaces every code of the user with the given hashes.</summary>
    Task ReplaceAsync(Guid userId, IReadOnlyCollection<byte[]> codeHashes, CancellationToken cancellationToken);

    /// <summary>Marks the code as used if it exists and is unused; atomic, so a code works once under concurrency.</summary>
    Task<bool> TryConsumeAsync(Guid userId, byte[] codeHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes every code of the user.</summary>
    Task DeleteAllAsync(Guid userId, CancellationToken cancellationToken);
}
