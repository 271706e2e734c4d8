namespace RbacKit.Tokens;

/// <summary>A signed access token.</summary>
/// <param name="Token">The compact JWS.</param>
/// <param name="TokenId">Its <c>jti</c>.</param>
/// <param name="ExpiresAt">Its <c>exp</c>.</param>
public sealed record IssuedAccessToken(string Token, string TokenId, DateTimeOffset ExpiresAt);
