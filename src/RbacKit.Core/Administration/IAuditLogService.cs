namespace RbacKit.Administration;

/// <summary>Reads the audit trail for administrators (the <c>audit:read</c> endpoint and the console use it).</summary>
public interface IAuditLogService
{
    /// <summary>
    /// Audit events newest first, optionally of one actor and/or one target: page <paramref name="page"/> of
    /// <paramref name="pageSize"/> (offset paging up to <see cref="Paging.MaxOffset"/> items), or with
    /// <paramref name="cursor"/> the page after it. Validation fails on a malformed cursor, a deeper offset, a bad page
    /// size or a target longer than 64 characters.
    /// </summary>
    Task<RbacResult<PagedResult<AuditEntry>>> GetPageAsync(Guid? actorId, string? targetId, int page, int pageSize, string? cursor, CancellationToken cancellationToken);
}
