using RbacKit.Domain;

namespace RbacKit.Stores;

/// <summary>Append-only audit trail of authorization changes.</summary>
public interface IAuditEventStore
{
    /// <summary>Appends one event (for changes not written through <see cref="IRoleStore"/>).</summary>
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Events newest first by (at, id), optionally only those of one actor and/or one target: the offset page, or the
    /// page after <see cref="PageRequest.After"/>; the total counts up to <see cref="Paging.CountLimit"/> rows.
    /// </summary>
    Task<PagedResult<AuditEvent>> GetPageAsync(Guid? actorId, string? targetId, PageRequest page, CancellationToken cancellationToken);
}
