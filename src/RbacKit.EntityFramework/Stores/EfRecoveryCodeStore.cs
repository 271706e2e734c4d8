using Microsoft.EntityFrameworkCore;
using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.EntityFramework;

internal sealed class EfRecoveryCodeStore<TContext>(TContext context) : IRecoveryCodeStore where TContext : DbContext
{
    private DbSet<RecoveryCode> Codes => context.Set<RecoveryCode>();

    public async Task ReplaceAsync(Guid userId, IReadOnlyCollection<RecoveryCode> codes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await Codes.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            Codes.AddRange(codes.Select(c => new RecoveryCode
            {
                Id = c.Id,
                UserId = userId,
                Salt = c.Salt,
                Iterations = c.Iterations,
                CodeHash = c.CodeHash,
            }));
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            context.ChangeTracker.Clear();
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<RecoveryCode>> ListUnusedAsync(Guid userId, CancellationToken cancellationToken) =>
        await Codes.AsNoTracking().Where(c => c.UserId == userId && c.UsedAt == null).ToListAsync(cancellationToken).ConfigureAwait(false);

    public async Task<bool> TryConsumeAsync(Guid userId, Guid codeId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await Codes.Where(c => c.Id == codeId && c.UserId == userId && c.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.UsedAt, now), cancellationToken).ConfigureAwait(false) == 1;

    public Task DeleteAllAsync(Guid userId, CancellationToken cancellationToken) =>
        Codes.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
}
