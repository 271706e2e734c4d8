namespace RbacKit.Tokens;

/// <summary>Signs access tokens with the current key of the key ring.</summary>
public interface IAccessTokenIssuer
{
    /// <summary>Issues a token for <paramref name="subject"/>.</summary>
    Task<IssuedAccessToken> IssueAsync(AccessTokenSubject subject, CancellationToken cancellationToken);

    /// <summary>Issues a token for an OAuth client (<c>sub</c> = <c>client_id</c>, no <c>sid</c>, no roles).</summary>
    Task<IssuedAccessToken> IssueForClientAsync(ClientTokenSubject subject, CancellationToken cancellationToken);
}
