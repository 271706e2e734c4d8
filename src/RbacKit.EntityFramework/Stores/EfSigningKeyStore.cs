using Microsoft.EntityFrameworkCore;
using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.EntityFramework;

internal sealed class EfSigningKeyStore<TContext>(TContext context) : ISigningKeyStore where TContext : DbContext
{
    /// <summary>The advisory lock key of the first-key check ("RbacKeys" in ASCII).</summary>
    private const long FirstKeyLock = 0x5262_6163_4B65_7973;

    public async Task<IReadOnlyList<SigningKey>> ListAsync(CancellationToken cancellationToken) =>
        await context.Set<SigningKey>().AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);

    public async Task AddAsync(SigningKey key, CancellationToken cancellationToken)
    {
        context.Set<SigningKey>().Add(key);
        await context.SaveAndClearAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> AddFirstAsync(SigningKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        // SQLite: Microsoft.Data.Sqlite's transactions are immediate, so the check and the insert hold the write lock.
        // PostgreSQL: a transaction-scoped advisory lock serializes the first-key check of every instance.
        var added = await context.InTransactionAsync(async () =>
        {
            if (context.IsPostgres())
            {
                await context.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [FirstKeyLock], cancellationToken).ConfigureAwait(false);
            }

            var live = await context.Set<SigningKey>().AnyAsync(k => k.Algorithm == key.Algorithm
                && (k.RetiredAt == null || k.RetiredAt > now) && (k.ExpiresAt == null || k.ExpiresAt > now), cancellationToken).ConfigureAwait(false);
            if (live)
            {
                return StoreResult.Duplicate;
            }

            context.Set<SigningKey>().Add(key);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return StoreResult.Success;
        }, cancellationToken).ConfigureAwait(false);
        return added == StoreResult.Success;
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
