namespace RbacKit.Clients;

/// <summary>
/// OAuth 2.0 clients (service accounts): administration under the same no-escalation rule as roles (an actor grants,
/// rotates or deletes only a client whose permissions it holds), authentication and token issuing.
/// </summary>
public interface IClientService
{
    /// <summary>Every client.</summary>
    Task<IReadOnlyList<ClientInfo>> ListAsync(CancellationToken cancellationToken);

    /// <summary>One client; <see cref="RbacErrorCodes.NotFound"/> when unknown.</summary>
    Task<RbacResult<ClientInfo>> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Creates a client with a new secret; refused when it would grant what the actor lacks.</summary>
    Task<RbacResult<CreatedClient>> CreateAsync(Guid actorId, ClientInput input, CancellationToken cancellationToken);

    /// <summary>Creates a client with the operator's authority (a CLI, a seeder): no escalation check, audited with no actor.</summary>
    Task<RbacResult<CreatedClient>> CreateForOperatorAsync(ClientInput input, CancellationToken cancellationToken);

    /// <summary>Replaces the secret; the old one and every token issued with it stop working at once.</summary>
    Task<RbacResult<ClientSecretInfo>> RotateSecretAsync(Guid actorId, Guid id, CancellationToken cancellationToken);

    /// <summary>Deletes the client; its tokens stop working at once.</summary>
    Task<RbacResult> DeleteAsync(Guid actorId, Guid id, CancellationToken cancellationToken);

    /// <summary>The client whose id and secret these are, or <see langword="null"/> (constant time in the secret).</summary>
    Task<Domain.OAuthClient?> AuthenticateAsync(string clientId, string clientSecret, CancellationToken cancellationToken);

    /// <summary>
    /// Issues an access token for <paramref name="client"/> with its grants narrowed to <paramref name="scope"/>
    /// (space-separated permission names; all grants when empty). <c>invalid_scope</c> when it asks for more.
    /// </summary>
    Task<RbacResult<ClientAccessToken>> IssueTokenAsync(Domain.OAuthClient client, string? scope, CancellationToken cancellationToken);

    /// <summary>Revokes every outstanding access token of the client (RFC 7009 revocation of one of them).</summary>
    Task<RbacResult> RevokeTokensAsync(string clientId, CancellationToken cancellationToken);
}
