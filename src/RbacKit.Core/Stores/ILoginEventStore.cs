using RbacKit.Domain;

namespace RbacKit.Stores;

/// <summary>Append-only login history.</summary>
public interface ILoginEventStore
{
    /// <summary>Appends one attempt.</summary>
    Task AppendAsync(LoginEvent loginEvent, CancellationToken cancellationToken);

    /// <summary>A user's attempts, newest first.</summary>
    Task<PagedResult<LoginEvent>> GetPageAsync(Guid userId, int page, int pageSize, CancellationToken cancellationToken);
}
