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
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            context.ChangeTracker.Clear();
        }
    }

    public Task RetireOthersAsync(string exceptKeyId, DateTimeOffset retiredAt, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        context.Set<SigningKey>().Where(k => k.KeyId != exceptKeyId && k.RetiredAt == null).ExecuteUpdateAsync(set => set
            .SetProperty(k => k.RetiredAt, retiredAt)
            .SetProperty(k => k.ExpiresAt, expiresAt), cancellationToken);
}

internal sealed class EfRecoveryCodeStore<TContext>(TContext context) : IRecoveryCodeStore where TContext : DbContext
{
    private DbSet<RecoveryCode> Codes => context.Set<RecoveryCode>();

    public async Task ReplaceAsync(Guid userId, IReadOnlyCollection<byte[]> codeHashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codeHashes);
        var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await Codes.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            Codes.AddRange(codeHashes.Select(h => new RecoveryCode { UserId = userId, CodeHash = h }));
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            context.ChangeTracker.Clear();
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<bool> TryConsumeAsync(Guid userId, byte[] codeHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        await Codes.Where(c => c.UserId == userId && c.CodeHash == codeHash && c.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.UsedAt, now), cancellationToken).ConfigureAwait(false) == 1;

    public Task DeleteAllAsync(Guid userId, CancellationToken cancellationToken) =>
        Codes.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
}

internal sealed class EfPermissionDefinitionStore<TContext>(TContext context) : IPermissionDefinitionStore where TContext : DbContext
{
    public async Task<IReadOnlyList<PermissionDefinition>> ListAsync(CancellationToken cancellationToken) =>
        await context.Set<PermissionDefinition>().AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken).ConfigureAwait(false);

    public async Task UpsertAsync(IReadOnlyCollection<PermissionDefinition> definitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var set = context.Set<PermissionDefinition>();
        foreach (var definition in definitions)
        {
            var updated = await set.Where(p => p.Name == definition.Name)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Description, definition.Description), cancellationToken).ConfigureAwait(false);
            if (updated == 0)
            {
                set.Add(new PermissionDefinition { Name = definition.Name, Description = definition.Description });
                try
                {
                    await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
                {
                    // Another instance seeded it at the same moment: the row exists, which is all that matters.
                }
                finally
                {
                    context.ChangeTracker.Clear();
                }
            }
        }
    }
}
