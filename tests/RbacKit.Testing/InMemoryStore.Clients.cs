using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.Testing;

/// <summary>OAuth clients, implemented explicitly: the names overlap those of the role store.</summary>
public sealed partial class InMemoryStore : IOAuthClientStore
{
    private readonly Dictionary<Guid, OAuthClient> _clients = [];

    Task<IReadOnlyList<OAuthClient>> IOAuthClientStore.ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<OAuthClient>>([.. _clients.Values.OrderBy(c => c.Name, StringComparer.Ordinal).Select(CloneClient)]);
        }
    }

    Task<OAuthClient?> IOAuthClientStore.FindByIdAsync(Guid id, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_clients.TryGetValue(id, out var c) ? CloneClient(c) : null);
        }
    }

    Task<OAuthClient?> IOAuthClientStore.FindByClientIdAsync(string clientId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var found = _clients.Values.FirstOrDefault(c => c.ClientId == clientId);
            return Task.FromResult(found is null ? null : CloneClient(found));
        }
    }

    Task<StoreResult> IOAuthClientStore.CreateAsync(OAuthClient client, AuditEvent audit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_clients.Values.Any(c => c.ClientId == client.ClientId))
            {
                return Task.FromResult(StoreResult.Duplicate);
            }

            _clients[client.Id] = CloneClient(client);
            AuditEvents.Add(audit);
            return Task.FromResult(StoreResult.Success);
        }
    }

    Task<StoreResult> IOAuthClientStore.BumpVersionAsync(Guid id, byte[]? secretHash, DateTimeOffset updatedAt, AuditEvent? audit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_clients.TryGetValue(id, out var client))
            {
                return Task.FromResult(StoreResult.NotFound);
            }

            _clients[id] = client with { SecretHash = secretHash ?? client.SecretHash, SecretVersion = client.SecretVersion + 1, UpdatedAt = updatedAt };
            if (audit is not null)
            {
                AuditEvents.Add(audit);
            }

            return Task.FromResult(StoreResult.Success);
        }
    }

    Task<StoreResult> IOAuthClientStore.DeleteAsync(Guid id, AuditEvent audit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_clients.Remove(id))
            {
                return Task.FromResult(StoreResult.NotFound);
            }

            AuditEvents.Add(audit);
            return Task.FromResult(StoreResult.Success);
        }
    }

    private static OAuthClient CloneClient(OAuthClient c) => new()
    {
        Id = c.Id,
        ClientId = c.ClientId,
        Name = c.Name,
        SecretHash = [.. c.SecretHash],
        SecretVersion = c.SecretVersion,
        Permissions = [.. c.Permissions],
        CreatedAt = c.CreatedAt,
        UpdatedAt = c.UpdatedAt,
    };
}
