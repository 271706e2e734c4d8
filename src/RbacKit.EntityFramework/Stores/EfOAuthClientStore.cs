using Microsoft.EntityFrameworkCore;
using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.EntityFramework;

internal sealed class EfOAuthClientStore<TContext>(TContext context) : IOAuthClientStore where TContext : DbContext
{
    private DbSet<OAuthClient> Clients => context.Set<OAuthClient>();

    public async Task<IReadOnlyList<OAuthClient>> ListAsync(CancellationToken cancellationToken) =>
        await Clients.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);

    public Task<OAuthClient?> FindByIdAsync(Guid id, CancellationToken cancellationToken) =>
        Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    public Task<OAuthClient?> FindByClientIdAsync(string clientId, CancellationToken cancellationToken) =>
        Clients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);

    public async Task<StoreResult> CreateAsync(OAuthClient client, AuditEvent audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        Clients.Add(client);
        context.Set<AuditEvent>().Add(audit);
        return await context.InsertAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoreResult> BumpVersionAsync(Guid id, byte[]? secretHash, DateTimeOffset updatedAt, AuditEvent? audit, CancellationToken cancellationToken)
    {
        var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var rows = secretHash is null
                ? await Clients.Where(c => c.Id == id).ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.SecretVersion, c => c.SecretVersion + 1)
                    .SetProperty(c => c.UpdatedAt, updatedAt), cancellationToken).ConfigureAwait(false)
                : await Clients.Where(c => c.Id == id).ExecuteUpdateAsync(set => set
                    .SetProperty(c => c.SecretHash, secretHash)
                    .SetProperty(c => c.SecretVersion, c => c.SecretVersion + 1)
                    .SetProperty(c => c.UpdatedAt, updatedAt), cancellationToken).ConfigureAwait(false);
            if (rows != 1)
            {
                return StoreResult.NotFound;
            }

            if (audit is not null)
            {
                context.Set<AuditEvent>().Add(audit);
                await context.SaveAndClearAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return StoreResult.Success;
        }
    }

    public async Task<StoreResult> DeleteAsync(Guid id, AuditEvent audit, CancellationToken cancellationToken)
    {
        var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            if (await Clients.Where(c => c.Id == id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                return StoreResult.NotFound;
            }

            context.Set<AuditEvent>().Add(audit);
            await context.SaveAndClearAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return StoreResult.Success;
        }
    }
}
