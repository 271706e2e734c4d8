
namespace RbacKit.TokenValidation;

/// <summary>The claims of an access token whose signature, issuer, audience, type and lifetime were checked.</summary>
public sealed class ValidatedAccessToken
{
    /// <summary>The user (<c>sub</c>).</summary>
    public required Guid UserId { get; init; }

    /// <summary>
    /// The OAuth client the token was issued to (<c>client_id</c>): the first-party client for a user's token, the client
    /// itself for a client's token; <see langword="null"/> for tokens issued before RbacKit wrote it.
    /// </summary>
    public string? ClientId { get; init; }

    /// <summary>
    /// Whether this is an OAuth client's own token (<c>client_credentials</c>): <c>sub</c> = <c>client_id</c>, no session.
    /// Then <see cref="UserId"/> is a digest of the client id (never a user's id) and <see cref="SessionId"/> is empty.
    /// </summary>
    public bool IsClient { get; init; }

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

    /// <summary>The user's authorization version when issued (<c>ver</c>); for a client, its secret version.</summary>
    public required long AuthorizationVersion { get; init; }

    /// <summary>Role names (<c>roles</c>).</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>Granted permission names and wildcards (<c>perms</c>), for offline authorization by other services.</summary>
    public required IReadOnlyList<string> Permissions { get; init; }
}
