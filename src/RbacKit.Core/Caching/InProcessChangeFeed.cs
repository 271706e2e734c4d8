namespace RbacKit.Caching;

/// <summary>Delivers changes to subscribers of this process only. Reliable for a single instance.</summary>
internal class InProcessChangeFeed : IAuthorizationChangeFeed
{
    private readonly Lock _lock = new();
    private Action<AuthorizationChange>[] _handlers = [];

    /// <inheritdoc />
    public virtual bool IsReliable => true;

    /// <inheritdoc />
    public virtual ValueTask PublishAsync(AuthorizationChange change, CancellationToken cancellationToken)
    {
        Deliver(change);
        return ValueTask.CompletedTask;
    }

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

    /// <summary>Calls every local subscriber.</summary>
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

    private sealed class Subscription(InProcessChangeFeed feed, Action<AuthorizationChange> handler) : IDisposable
    {
        public void Dispose() => feed.Unsubscribe(handler);
    }
}
