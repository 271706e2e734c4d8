namespace RbacKit;

/// <summary>Access-token, signing-key and validation settings.</summary>
public sealed class TokenOptions
{
    /// <summary>The signing algorithm: <c>RS256</c> (default), <c>ES256</c> or <c>HS256</c>.</summary>
    public string Algorithm { get; set; } = SigningAlgorithms.RS256;

    /// <summary>Lifetime of access tokens. Default 10 minutes; 1 minute to 1 hour.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The <c>client_id</c> of the tokens RbacKit issues to users (its own first-party client: login, refresh). Every
    /// access token carries a <c>client_id</c> (RFC 9068). Default <c>rbackit</c>.
    /// </summary>
    public string FirstPartyClientId { get; set; } = "rbackit";

    /// <summary>Tolerated clock difference when checking <c>exp</c> and <c>nbf</c>. Default 30 seconds, at most 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest accepted token in bytes; longer ones are refused before parsing. Default 8192.</summary>
    public int MaxTokenSize { get; set; } = 8192;

    /// <summary>RSA modulus size for new RS256 keys. Default 2048, at least 2048.</summary>
    public int RsaKeySize { get; set; } = 2048;

    /// <summary>
    /// How many validated tokens to remember so a repeat validation skips the signature check. Default 20000 (at most about
    /// 50 MB with 1 KB tokens); 0 turns the cache off. The cache empties itself when full, so size it at about twice the
    /// tokens in use at once (active users times their devices): a live set larger than the cache, used in turn, misses on
    /// every request, and one equal to it is emptied by every new token (each refresh).
    /// </summary>
    public int ValidatedTokenCacheSize { get; set; } = 20_000;

    /// <summary>How often the key ring reloads from the store to pick up keys rotated by another instance. Default 5 minutes.</summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a key made by a rotation is published before it signs, so that every instance and every downstream cache of
    /// the JWKS knows it before its first token arrives. Default 5 minutes; 0 to 1 day. The first key of an empty ring, and
    /// the key created to replace a withdrawn one, sign at once.
    /// </summary>
    public TimeSpan KeyActivationDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Least time between reloads forced by an unknown <c>kid</c>. Default 10 seconds.</summary>
    public TimeSpan UnknownKeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Base64 of a 256-bit key-encryption key that protects private signing keys and TOTP secrets at rest (AES-256-GCM).
    /// When empty, a host must register its own <see cref="Secrets.ISecretProtector"/> (for example Data Protection) or
    /// set <see cref="AllowUnprotectedKeys"/> for development.
    /// </summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>Stores key material unencrypted when no protector is configured. Development only. Default false.</summary>
    public bool AllowUnprotectedKeys { get; set; }
}
