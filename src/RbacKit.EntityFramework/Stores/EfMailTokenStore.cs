using Microsoft.EntityFrameworkCore;
using RbacKit.Accounts.Recovery;

namespace RbacKit.EntityFramework;

internal sealed class EfMailTokenStore<TContext>(TContext context) : IMailTokenStore where TContext : DbContext
{
    private DbSet<MailToken> Tokens => context.Set<MailToken>();

    public async Task AddAsync(MailToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        Tokens.Add(token);
        await context.SaveAndClearAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<MailToken?> TryConsumeAsync(byte[] tokenHash, MailTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);

        // One conditional update: of any number of concurrent redemptions exactly one changes the row.
        var used = await Tokens.Where(t => t.TokenHash == tokenHash && t.Purpose == purpose && t.UsedAt == null && t.ExpiresAt >= now)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), cancellationToken).ConfigureAwait(false);
        return used == 1
            ? await Tokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken).ConfigureAwait(false)
            : null;
    }

    public Task RevokeAsync(Guid userId, MailTokenPurpose purpose, CancellationToken cancellationToken) =>
        Tokens.Where(t => t.UserId == userId && t.Purpose == purpose && t.UsedAt == null).ExecuteDeleteAsync(cancellationToken);
}
