using RbacKit.Domain;

namespace RbacKit.Stores;

/// <summary>Persists the signing key ring so that restarts and other instances keep validating earlier tokens.</summary>
public interface ISigningKeyStore
{
    /// <summary>Every stored key, newest first.</summary>
    Task<IReadOnlyList<SigningKey>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds a key.</summary>
    Task AddAsync(SigningKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="key"/> only if no key of its algorithm is live at <paramref name="now"/> (neither retired nor
    /// expired then), atomically with respect to other callers: of instances starting together on an empty store, one adds
    /// the first key and the others get <see langword="false"/> and use it.
    /// </summary>
    Task<bool> AddFirstAsync(SigningKey key, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks every unretired key other than <paramref name="exceptKeyId"/> as retired at <paramref name="retiredAt"/>, to expire at <paramref name="expiresAt"/>.</summary>
    Task RetireOthersAsync(string exceptKeyId, DateTimeOffset retiredAt, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Withdraws a key at <paramref name="at"/>: it expires then (and is retired then unless it already was), so it is no
    /// longer published nor accepted. Returns false when no such key is stored.
    /// </summary>
    Task<bool> WithdrawAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken);
}
