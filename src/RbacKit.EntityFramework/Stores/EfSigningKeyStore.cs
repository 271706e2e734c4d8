using Microsoft.EntityFrameworkCore;
using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.EntityFramework;

internal sealed class EfSigningKeyStore<TContext>(TContext context) : ISigningKeyStore where TContext : DbContext
{
    public async Task<IReadOnlyList<SigningKey>> ListAsync(CancellationToken cancellationToken) =>
        await context.Set<SigningKey>().AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);

    public async Task AddAsync(SigningKey key, CancellationToken cancellationToken)
    {
        context.Set<SigningKey>().Add(key);
        await context.SaveAndClearAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task RetireOthersAsync(string exceptKeyId, DateTimeOffset retiredAt, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        context.Set<SigningKey>().Where(k => k.KeyId != exceptKeyId && k.RetiredAt == null).ExecuteUpdateAsync(set => set
            .SetProperty(k => k.RetiredAt, retiredAt)
            .SetProperty(k => k.ExpiresAt, expiresAt), cancellationToken);

    public async Task<bool> WithdrawAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await context.Set<SigningKey>().Where(k => k.KeyId == keyId).ExecuteUpdateAsync(set => set
            .SetProperty(k => k.RetiredAt, k => k.RetiredAt == null || k.RetiredAt > at ? at : k.RetiredAt)
            .SetProperty(k => k.ExpiresAt, at), cancellationToken).ConfigureAwait(false) > 0;
}
