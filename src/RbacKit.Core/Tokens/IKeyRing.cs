namespace RbacKit.Tokens;

/// <summary>The signing keys: one current key that signs, earlier keys still published until their tokens expire.</summary>
public interface IKeyRing : IValidationKeySource
{
    /// <summary>Loads the ring from the store, creating the first key when none is usable.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The key that signs new tokens.</summary>
    ValueTask<RingKey> GetCurrentAsync(CancellationToken cancellationToken);

    /// <summary>Creates a new current key; earlier keys stop signing and expire after the access-token lifetime. Returns the new <c>kid</c>.</summary>
    Task<string> RotateAsync(CancellationToken cancellationToken);

    /// <summary>Reloads from the store (for keys rotated by another instance).</summary>
    Task ReloadAsync(CancellationToken cancellationToken);

    /// <summary>The public keys to publish.</summary>
    JsonWebKeySetDocument GetJwks();
}
