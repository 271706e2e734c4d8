using Microsoft.EntityFrameworkCore;
using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.EntityFramework;

internal sealed class EfSessionStore<TContext>(TContext context) : ISessionStore where TContext : DbContext
{
    private DbSet<Session> Sessions => context.Set<Session>();

    private DbSet<RefreshToken> Tokens => context.Set<RefreshToken>();

    public async Task CreateAsync(Session session, RefreshToken firstToken, CancellationToken cancellationToken)
    {
        Sessions.Add(session);
        Tokens.Add(firstToken);
        await context.SaveAndClearAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<Session?> FindAsync(Guid sessionId, CancellationToken cancellationToken) =>
        Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken);

    public async Task<IReadOnlyList<Session>> ListActiveAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.ExpiresAt > now)
            .OrderByDescending(s => s.CreatedAt)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    public Task<RefreshToken?> FindRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken) =>
        Tokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);

    public async Task<bool> TryRotateAsync(byte[] presentedHash, RefreshToken nextToken, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nextToken);
        var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // The conditional update is the single point of truth: of any number of racing requests, one changes the row.
            var spent = await Tokens.Where(t => t.TokenHash == presentedHash && t.ConsumedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.ConsumedAt, now), cancellationToken).ConfigureAwait(false);
            if (spent != 1)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return false;
            }

            Tokens.Add(nextToken);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            context.ChangeTracker.Clear();
            await Sessions.Where(s => s.Id == nextToken.SessionId)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, now), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    public async Task<bool> RevokeAsync(Guid sessionId, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        await Sessions.Where(s => s.Id == sessionId && s.RevokedAt == null).ExecuteUpdateAsync(set => set
            .SetProperty(s => s.RevokedAt, now)
            .SetProperty(s => s.RevokedReason, reason), cancellationToken).ConfigureAwait(false) == 1;

    public async Task<IReadOnlyList<Guid>> RevokeAllAsync(Guid userId, Guid? exceptSessionId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var except = exceptSessionId ?? Guid.Empty;

        // One statement revokes every live session, including one started a moment ago; the ids are read back for notifications.
        var revoked = await Sessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != except).ExecuteUpdateAsync(set => set
            .SetProperty(s => s.RevokedAt, now)
            .SetProperty(s => s.RevokedReason, reason), cancellationToken).ConfigureAwait(false);
        if (revoked == 0)
        {
            return [];
        }

        return await Sessions.Where(s => s.UserId == userId && s.RevokedAt == now && s.RevokedReason == reason)
            .Select(s => s.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> TouchAsync(IReadOnlyCollection<SessionSighting> sightings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sightings);
        if (sightings.Count == 0)
        {
            return 0;
        }

        // One statement per session (each has its own time), one commit for the batch. The condition keeps the time from
        // moving back: a refresh or another instance may have written a later one.
        var moved = 0;
        var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            foreach (var (sessionId, seenAt) in sightings)
            {
                moved += await Sessions.Where(s => s.Id == sessionId && s.LastSeenAt < seenAt)
                    .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastSeenAt, seenAt), cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return moved;
    }
}
