namespace RbacKit.Sessions;

/// <summary>A new session and its first refresh token (shown once, never stored).</summary>
/// <param name="SessionId">The session id.</param>
/// <param name="RefreshToken">The refresh token text.</param>
public sealed record SessionStart(Guid SessionId, string RefreshToken);

/// <summary>Where a request came from.</summary>
/// <param name="IpAddress">The client address, if known.</param>
/// <param name="UserAgent">The user agent, if known.</param>
public sealed record ClientInfo(string? IpAddress, string? UserAgent)
{
    /// <summary>No client information.</summary>
    public static ClientInfo Unknown { get; } = new(null, null);
}

/// <summary>The result of a successful refresh.</summary>
/// <param name="UserId">The user.</param>
/// <param name="SessionId">The session.</param>
/// <param name="RefreshToken">The new refresh token text; the presented one is spent.</param>
public sealed record SessionRefresh(Guid UserId, Guid SessionId, string RefreshToken);
