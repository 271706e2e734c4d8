
namespace RbacKit.Keys;

/// <summary>
/// The signing keys: one current key that signs, keys published ahead of signing, and earlier keys still published until
/// their tokens expire. Changes are announced on the <see cref="Caching.IAuthorizationChangeFeed"/>, so every instance
/// reloads at once.
/// </summary>
public interface IKeyRing : IValidationKeySource
{
    /// <summary>Loads the ring from the store, creating the first key when none is usable.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The key that signs new tokens.</summary>
    ValueTask<RingKey> GetCurrentAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Creates a new key, published at once, which signs after <see cref="TokenOptions.KeyActivationDelay"/>; the current key
    /// signs until then and expires an access-token lifetime later. Returns the new <c>kid</c>.
    /// </summary>
    Task<string> RotateAsync(CancellationToken cancellationToken);

    /// <summary>As <see cref="RotateAsync(CancellationToken)"/>, with the new key signing after <paramref name="activationDelay"/> (zero: at once).</summary>
    Task<string> RotateAsync(TimeSpan activationDelay, CancellationToken cancellationToken);

    /// <summary>
    /// Emergency withdrawal: the key stops being published and accepted at once on every instance (tokens it signed fail,
    /// cached validations included), and stays withdrawn after a restart. Refused with
    /// <see cref="KeyWithdrawalResult.OnlySigningKey"/> when no other key could sign: rotate first.
    /// </summary>
    Task<KeyWithdrawalResult> WithdrawAsync(string keyId, CancellationToken cancellationToken);

    /// <summary>Reloads from the store (for keys rotated by another instance).</summary>
    Task ReloadAsync(CancellationToken cancellationToken);

    /// <summary>The public keys to publish.</summary>
    JsonWebKeySetDocument GetJwks();
}
