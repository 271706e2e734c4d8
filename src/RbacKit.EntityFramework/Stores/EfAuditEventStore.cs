using Microsoft.EntityFrameworkCore;
using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.EntityFramework;

internal sealed class EfAuditEventStore<TContext>(TContext context) : IAuditEventStore where TContext : DbContext
{
    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        context.Set<AuditEvent>().Add(auditEvent);
        await context.SaveAndClearAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<PagedResult<AuditEvent>> GetPageAsync(Guid? actorId, string? targetId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var query = context.Set<AuditEvent>().AsNoTracking();
        if (actorId is { } actor)
        {
            query = query.Where(e => e.ActorId == actor);
        }

        if (targetId is not null)
        {
            query = query.Where(e => e.TargetId == targetId);
        }

        var count = await query.Take(Paging.CountLimit).LongCountAsync(cancellationToken).ConfigureAwait(false);
        if (page.After is { } after)
        {
            var at = after.At;
            var id = after.Id;
            query = query.Where(e => e.At <= at && (e.At < at || e.Id.CompareTo(id) < 0));
        }

        var items = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(page.Offset).Take(page.Take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return page.ToResult(items, count, e => e.At, e => e.Id);
    }
}
