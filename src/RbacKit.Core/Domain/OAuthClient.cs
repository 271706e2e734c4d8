namespace RbacKit.Domain;

/// <summary>
/// An OAuth 2.0 client of the issuer: a service account that authenticates with its client id and secret
/// (<c>client_credentials</c>) and acts with the permissions granted to it.
/// </summary>
public sealed record OAuthClient
{
    /// <summary>The id (UUID version 7).</summary>
    public Guid Id { get; init; }

    /// <summary>The public client identifier (<c>client_id</c>, also the <c>sub</c> of its tokens); unique.</summary>
    public string ClientId { get; init; } = "";

    /// <summary>A name for administrators, for example <c>catalog-service</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>SHA-256 of the secret (a 256-bit random value, so a fast hash is the right one).</summary>
    public byte[] SecretHash { get; init; } = [];

    /// <summary>
    /// Bumped when the secret is rotated or the client's tokens are revoked; its tokens carry it as <c>ver</c>, and a
    /// token with an older one is refused.
    /// </summary>
    public long SecretVersion { get; init; } = 1;

    /// <summary>Granted permission names and wildcards.</summary>
    public List<string> Permissions { get; init; } = [];

    /// <summary>When the client was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the client last changed (secret rotated, tokens revoked).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The type and identity only, never secrets, hashes or personal data, so the entity can be logged.</summary>
    public override string ToString() => $"OAuthClient {ClientId}";
}
