namespace RbacKit;

/// <summary>Session and refresh-token lifetimes.</summary>
public sealed class SessionOptions
{
    /// <summary>A session ends this long after login whatever its activity. Default 30 days.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A refresh token expires when unused this long. Default 7 days.</summary>
    public TimeSpan IdleLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Longest stored user agent; longer values are cut. Default 256.</summary>
    public int MaxUserAgentLength { get; set; } = 256;

    /// <summary>
    /// How often the use of a session's access tokens moves its last-seen time (<c>lastSeenAt</c>): at most one write per
    /// session per interval, batched in the background, so requests themselves never write. A refresh moves it at once.
    /// Between 1 second and 1 hour. Default 1 minute.
    /// </summary>
    public TimeSpan LastSeenWriteInterval { get; set; } = TimeSpan.FromMinutes(1);
}
