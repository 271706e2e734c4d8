namespace RbacKit.Accounts.Recovery;

/// <summary>A token just issued: the text to put in the link and when it expires.</summary>
/// <param name="Token">The secret (base64url, 256 bits); never stored or logged.</param>
/// <param name="ExpiresAt">When it stops working.</param>
public sealed record IssuedMailToken(string Token, DateTimeOffset ExpiresAt);
