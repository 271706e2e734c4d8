namespace RbacKit.Tokens;

/// <summary>The claims of an access token whose signature, issuer, audience, type and lifetime were checked.</summary>
public sealed class ValidatedAccessToken
{
    /// <summary>The user (<c>sub</c>).</summary>
    public required Guid UserId { get; init; }

    /// <summary>The session (<c>sid</c>).</summary>
    public required Guid SessionId { get; init; }

    /// <summary>The token id (<c>jti</c>).</summary>
    public required string TokenId { get; init; }

    /// <summary>The signing key (<c>kid</c>).</summary>
    public required string KeyId { get; init; }

    /// <summary><c>iat</c>.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary><c>nbf</c>.</summary>
    public required DateTimeOffset NotBefore { get; init; }

    /// <summary><c>exp</c>.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The user's authorization version when issued (<c>ver</c>).</summary>
    public required long AuthorizationVersion { get; init; }

    /// <summary>Role names (<c>roles</c>).</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>Granted permission names and wildcards (<c>perms</c>), for offline authorization by other services.</summary>
    public required IReadOnlyList<string> Permissions { get; init; }
}
