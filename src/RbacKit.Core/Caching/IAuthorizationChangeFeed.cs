namespace RbacKit.Caching;

/// <summary>
/// Carries <see cref="AuthorizationChange"/>s to every instance. The default delivers in-process only; RbacKit.AspNetCore's
/// Redis feed publishes through Redis pub/sub.
/// </summary>
public interface IAuthorizationChangeFeed
{
    /// <summary>
    /// False while changes made by other instances may be missed (for example Redis is unreachable). Caches must then go
    /// to the store on every request: never fail open.
    /// </summary>
    bool IsReliable { get; }

    /// <summary>Announces a change to this instance and, when configured, to every other one.</summary>
    ValueTask PublishAsync(AuthorizationChange change, CancellationToken cancellationToken);

    /// <summary>Receives changes from this and other instances. Dispose to stop.</summary>
    IDisposable Subscribe(Action<AuthorizationChange> handler);
}
