using Microsoft.EntityFrameworkCore;
using RbacKit.Mail;

namespace RbacKit.EntityFramework;

internal sealed class EfMailOutboxStore<TContext>(TContext context) : IMailOutboxStore where TContext : DbContext
{
    private DbSet<OutboxMessage> Messages => context.Set<OutboxMessage>();

    public async Task AddAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        Messages.Add(message);
        await context.SaveAndClearAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OutboxMessage>> ClaimAsync(Guid claimId, DateTimeOffset now, DateTimeOffset claimedUntil, int count, CancellationToken cancellationToken)
    {
        var due = await Messages.AsNoTracking()
            .Where(m => m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(count).ToListAsync(cancellationToken).ConfigureAwait(false);
        var claimed = new List<OutboxMessage>(due.Count);
        foreach (var id in due)
        {
            // The same condition again, in the update: another instance that claimed the row first makes this a no-op.
            var rows = await Messages.Where(m => m.Id == id && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .ExecuteUpdateAsync(set => set
                    .SetProperty(m => m.ClaimId, claimId)
                    .SetProperty(m => m.ClaimedUntil, claimedUntil), cancellationToken).ConfigureAwait(false);
            if (rows == 1 && await Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.ClaimId == claimId, cancellationToken).ConfigureAwait(false) is { } message)
            {
                claimed.Add(message);
            }
        }

        return claimed;
    }

    public Task CompleteAsync(Guid messageId, Guid claimId, CancellationToken cancellationToken) =>
        Messages.Where(m => m.Id == messageId && m.ClaimId == claimId).ExecuteDeleteAsync(cancellationToken);

    public Task RetryLaterAsync(Guid messageId, Guid claimId, DateTimeOffset nextAttemptAt, string failure, CancellationToken cancellationToken) =>
        Messages.Where(m => m.Id == messageId && m.ClaimId == claimId).ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Attempts, m => m.Attempts + 1)
            .SetProperty(m => m.NextAttemptAt, nextAttemptAt)
            .SetProperty(m => m.LastError, failure)
            .SetProperty(m => m.ClaimId, (Guid?)null)
            .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);

    public Task<int> CountAsync(CancellationToken cancellationToken) => Messages.CountAsync(cancellationToken);
}
