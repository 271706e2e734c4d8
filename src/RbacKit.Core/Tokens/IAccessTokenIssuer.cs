
namespace RbacKit.Tokens;

/// <summary>Signs access tokens with the current key of the key ring.</summary>
public interface IAccessTokenIssuer
{
    /// <summary>Issues a token for <paramref name="subject"/>.</summary>
    Task<IssuedAccessToken> IssueAsync(AccessTokenSubject subject, CancellationToken cancellationToken);

    /// <summary>Issues a token for an OAuth client (<c>sub</c> = <c>client_id</c>, no <c>sid</c>, no roles).</summary>
    Task<IssuedAccessToken> IssueForClientAsync(ClientTokenSubject subject, CancellationToken cancellationToken);
}

/// <summary>Who an access token is for.</summary>
/// <param name="UserId">The user (<c>sub</c>).</param>
/// <param name="SessionId">The session (<c>sid</c>).</param>
/// <param name="AuthorizationVersion">The user's authorization version (<c>ver</c>).</param>
/// <param name="Roles">Role names.</param>
/// <param name="Permissions">Granted permission names and wildcards.</param>
public sealed record AccessTokenSubject(Guid UserId, Guid SessionId, long AuthorizationVersion, IReadOnlyList<string> Roles, IReadOnlyList<string> Permissions);

/// <summary>Which OAuth client an access token is for.</summary>
/// <param name="ClientId">The client (<c>sub</c> and <c>client_id</c>).</param>
/// <param name="SecretVersion">The client's secret version (<c>ver</c>): rotating the secret makes older tokens stale.</param>
/// <param name="Permissions">Granted permission names and wildcards.</param>
public sealed record ClientTokenSubject(string ClientId, long SecretVersion, IReadOnlyList<string> Permissions);

/// <summary>A signed access token.</summary>
/// <param name="Token">The compact JWS.</param>
/// <param name="TokenId">Its <c>jti</c>.</param>
/// <param name="ExpiresAt">Its <c>exp</c>.</param>
public sealed record IssuedAccessToken(string Token, string TokenId, DateTimeOffset ExpiresAt);
