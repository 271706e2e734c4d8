namespace RbacKit.Caching;

/// <summary>
/// A base for <see cref="IAuthorizationChangeFeed"/> implementations that carry changes between instances (a message
/// bus, a database's notifications): it keeps this instance's subscribers and <see cref="Deliver"/> calls them, so an
/// implementation only sends changes and delivers the ones other instances sent.
/// </summary>
public abstract class AuthorizationChangeFeed : IAuthorizationChangeFeed
{
    private readonly Lock _lock = new();
    private Action<AuthorizationChange>[] _handlers = [];

    /// <inheritdoc />
    public abstract bool IsReliable { get; }

    /// <inheritdoc />
    public abstract ValueTask PublishAsync(AuthorizationChange change, CancellationToken cancellationToken);

    /// <inheritdoc />
    public IDisposable Subscribe(Action<AuthorizationChange> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_lock)
        {
            _handlers = [.. _handlers, handler];
        }

        return new Subscription(this, handler);
    }

    /// <summary>Calls every subscriber of this instance with <paramref name="change"/>.</summary>
    /// <param name="change">The change, published here or received from another instance.</param>
    protected void Deliver(AuthorizationChange change)
    {
        foreach (var handler in _handlers)
        {
            handler(change);
        }
    }

    private void Unsubscribe(Action<AuthorizationChange> handler)
    {
        lock (_lock)
        {
            _handlers = [.. _handlers.Where(h => h != handler)];
        }
    }

    private sealed class Subscription(AuthorizationChangeFeed feed, Action<AuthorizationChange> handler) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(handler);
    }
}
