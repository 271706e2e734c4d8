namespace RbacKit.Sessions;

/// <summary>A new session and its first refresh token (shown once, never stored).</summary>
/// <param name="SessionId">The session id.</param>
/// <param name="RefreshToken">The refresh token text.</param>
public sealed record SessionStart(Guid SessionId, string RefreshToken);
