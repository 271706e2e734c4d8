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

    public async Task<PagedResult<AuditEvent>> GetPageAsync(string? targetId, int page, int pageSize, CancellationToken cancellationToken)
    {
        var query = context.Set<AuditEvent>().AsNoTracking();
        if (targetId is not null)
        {
            query = query.Where(e => e.TargetId == targetId);
        }

        var total = await query.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var items = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PagedResult<AuditEvent>(items, page, pageSize, total);
    }
}
