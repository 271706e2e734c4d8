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

    public async Task<PagedResult<LoginEvent>> GetPageAsync(Guid userId, DateTimeOffset since, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);

        // Lower bound: retention; upper bound: the cursor's time. Both prune partitions; the index (user_id, at, id)
        // serves the order read backwards, so no page sorts more than it returns.
        var filtered = context.Set<LoginEvent>().AsNoTracking().Where(e => e.UserId == userId && e.At >= since);
        var query = filtered;
        if (page.After is { } after)
        {
            var at = after.At;
            var id = after.Id;
            query = query.Where(e => e.At <= at && (e.At < at || e.Id.CompareTo(id) < 0));
        }

        var (items, count) = await PagedQuery.ReadAsync(
            query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(page.Offset).Take(page.Take), filtered, page, cancellationToken).ConfigureAwait(false);
        return page.ToResult(items, count, e => e.At, e => e.Id);
    }
}
