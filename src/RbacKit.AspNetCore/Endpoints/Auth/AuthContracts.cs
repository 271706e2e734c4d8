namespace RbacKit.AspNetCore;

/// <summary>The body of <c>POST /auth/refresh</c>.</summary>
/// <param name="RefreshToken">The refresh token to spend.</param>
public sealed record RefreshRequest(string? RefreshToken);
