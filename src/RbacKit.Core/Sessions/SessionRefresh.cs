namespace RbacKit.Sessions;

/// <summary>The result of a successful refresh.</summary>
/// <param name="UserId">The user.</param>
/// <param name="SessionId">The session.</param>
/// <param name="RefreshToken">The new refresh token text; the presented one is spent.</param>
public sealed record SessionRefresh(Guid UserId, Guid SessionId, string RefreshToken);
