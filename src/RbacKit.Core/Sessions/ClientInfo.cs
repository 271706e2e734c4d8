namespace RbacKit.Sessions;

/// <summary>Where a request came from.</summary>
/// <param name="IpAddress">The client address, if known.</param>
/// <param name="UserAgent">The user agent, if known.</param>
public sealed record ClientInfo(string? IpAddress, string? UserAgent)
{
    /// <summary>No client information.</summary>
    public static ClientInfo Unknown { get; } = new(null, null);
}
