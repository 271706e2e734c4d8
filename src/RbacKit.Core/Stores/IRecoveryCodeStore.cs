using RbacKit.Domain;

namespace RbacKit.Stores;

/// <summary>Persists MFA recovery codes (salted hashes only).</summary>
public interface IRecoveryCodeStore
{
    /// <summary>Replaces every code of the user with the given ones.</summary>
    Task ReplaceAsync(Guid userId, IReadOnlyCollection<RecoveryCode> codes, CancellationToken cancellationToken);

    /// <summary>The user's codes that are not used yet (the verifier hashes the typed code with each one's salt).</summary>
    Task<IReadOnlyList<RecoveryCode>> ListUnusedAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the code as used if it exists, belongs to the user and is unused; one atomic conditional update, so of
    /// racing uses of one code exactly the first succeeds.
    /// </summary>
    Task<bool> TryConsumeAsync(Guid userId, Guid codeId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes every code of the user.</summary>
    Task DeleteAllAsync(Guid userId, CancellationToken cancellationToken);
}
