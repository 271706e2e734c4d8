namespace RbacKit.Domain;

/// <summary>A persisted signing key of the key ring. The private material is protected at rest.</summary>
public sealed record SigningKey
{
    /// <summary>The key id (<c>kid</c>).</summary>
    public string KeyId { get; init; } = "";

    /// <summary>The JWS algorithm: RS256, ES256 or HS256.</summary>
    public string Algorithm { get; init; } = "";

    /// <summary>The private key (PKCS#8) or HMAC secret, protected by an <see cref="Secrets.ISecretProtector"/>.</summary>
    public byte[] ProtectedKey { get; init; } = [];

    /// <summary>When it starts signing: its creation, or for a rotated-in key its creation plus <see cref="TokenOptions.KeyActivationDelay"/> (it is published from creation). The newest started, unretired key signs.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it stopped signing; it keeps validating until <see cref="ExpiresAt"/>.</summary>
    public DateTimeOffset? RetiredAt { get; init; }

    /// <summary>When it is no longer published nor accepted (set to the moment of an emergency withdrawal).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The type and identity only, never secrets, hashes or personal data, so the entity can be logged.</summary>
    public override string ToString() => $"SigningKey {KeyId} ({Algorithm})";
}
