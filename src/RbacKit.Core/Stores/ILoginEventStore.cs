using RbacKit.Domain;

namespace RbacKit.Stores;

/// <summary>Append-only login history.</summary>
public interface ILoginEventStore
{
    /// <summary>Appends one attempt.</summary>
    Task AppendAsync(LoginEvent loginEvent, CancellationToken cancellationToken);

    /// <summary>
    /// A user's attempts at or after <paramref name="since"/> (the retention bound), newest first by (at, id): the
    /// offset page, or the page after <see cref="PageRequest.After"/>, whose time is then the upper bound. Every query
    /// is bounded in time, so PostgreSQL's monthly partitions outside the range are pruned; the total counts up to
    /// <see cref="Paging.CountLimit"/> rows.
    /// </summary>
    Task<PagedResult<LoginEvent>> GetPageAsync(Guid userId, DateTimeOffset since, PageRequest page, CancellationToken cancellationToken);
}
