namespace RbacKit;

/// <summary>Creates time-ordered ids (UUID version 7) from the injected clock.</summary>
internal static class IdGenerator
{
    /// <summary>A new version 7 Guid stamped with the time of <paramref name="timeProvider"/>.</summary>
    public static Guid NewId(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return Guid.CreateVersion7(timeProvider.GetUtcNow());
    }
}
