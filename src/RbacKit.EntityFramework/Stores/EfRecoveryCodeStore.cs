using Microsoft.EntityFrameworkCore;
using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.EntityFramework;

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
