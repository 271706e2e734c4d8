using RbacKit.Domain;

namespace RbacKit.Stores;

/// <summary>Append-only audit trail of authorization changes.</summary>
public interface IAuditEventStore
{
    /// <summary>Appends one event (for changes not written through <see cref="IRoleStore"/>).</summary>
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>Events, newest first, optionally for one target.</summary>
    Task<PagedResult<AuditEvent>> GetPageAsync(string? targetId, int page, int pageSize, CancellationToken cancellationToken);
}
