using RbacKit.Domain;

namespace RbacKit.Stores;

/// <summary>Persistence of OAuth 2.0 clients (service accounts).</summary>
public interface IOAuthClientStore
{
    /// <summary>Every client, by name.</summary>
    Task<IReadOnlyList<OAuthClient>> ListAsync(CancellationToken cancellationToken);

    /// <summary>A client by id, or <see langword="null"/>.</summary>
    Task<OAuthClient?> FindByIdAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>A client by its public <c>client_id</c>, or <see langword="null"/>.</summary>
    Task<OAuthClient?> FindByClientIdAsync(string clientId, CancellationToken cancellationToken);

    /// <summary>Inserts a client and its audit event in one transaction; <see cref="StoreResult.Duplicate"/> for a taken <c>client_id</c>.</summary>
    Task<StoreResult> CreateAsync(OAuthClient client, AuditEvent audit, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the secret hash (when <paramref name="secretHash"/> is given) and bumps <see cref="OAuthClient.SecretVersion"/>,
    /// with its audit event; <see cref="StoreResult.NotFound"/> when the client is gone.
    /// </summary>
    Task<StoreResult> BumpVersionAsync(Guid id, byte[]? secretHash, DateTimeOffset updatedAt, AuditEvent? audit, CancellationToken cancellationToken);

    /// <summary>Deletes a client with its audit event; <see cref="StoreResult.NotFound"/> when it is gone.</summary>
    Task<StoreResult> DeleteAsync(Guid id, AuditEvent audit, CancellationToken cancellationToken);
}
