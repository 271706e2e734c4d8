namespace RbacKit.Caching;

/// <summary>Delivers changes to subscribers of this process only. Reliable for a single instance.</summary>
internal sealed class InProcessChangeFeed : AuthorizationChangeFeed
{
    /// <inheritdoc />
    public override bool IsReliable => true;

    /// <inheritdoc />
    public override ValueTask PublishAsync(AuthorizationChange change, CancellationToken cancellationToken)
    {
        Deliver(change);
        return ValueTask.CompletedTask;
    }
}
