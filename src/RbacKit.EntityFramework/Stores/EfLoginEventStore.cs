using Microsoft.EntityFrameworkCore;
using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.EntityFramework;

internal sealed class EfLoginEventStore<TContext>(TContext context) : ILoginEventStore where TContext : DbContext
{
    public async Task AppendAsync(LoginEvent loginEvent, CancellationToken cancellationToken)
    {
        context.Set<LoginEvent>().Add(loginEvent);
        await context.SaveAndClearAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<PagedResult<LoginEvent>> GetPageAsync(Guid userId, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = context.Set<LoginEvent>().AsNoTracking().Where(e => e.UserId == userId);
        var total = await query.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var items = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PagedResult<LoginEvent>(items, page, pageSize, total);
    }
}
