namespace RbacKit.Accounts.Recovery;

/// <summary>Issues and redeems purpose-bound, single-use mail tokens.</summary>
public interface IMailTokenService
{
    /// <summary>
    /// Issues a token of <paramref name="purpose"/> for the user, replacing the user's unused tokens of that purpose.
    /// Returns the token text for the link; only its hash is stored.
    /// </summary>
    Task<IssuedMailToken> IssueAsync(Guid userId, MailTokenPurpose purpose, string? newEmail, CancellationToken cancellationToken);

    /// <summary>Redeems a token: the stored token when it is known, of <paramref name="purpose"/>, unused and unexpired; otherwise <see langword="null"/>.</summary>
    Task<MailToken?> ConsumeAsync(string? token, MailTokenPurpose purpose, CancellationToken cancellationToken);
}

/// <summary>A token just issued: the text to put in the link and when it expires.</summary>
/// <param name="Token">The secret (base64url, 256 bits); never stored or logged.</param>
/// <param name="ExpiresAt">When it stops working.</param>
public sealed record IssuedMailToken(string Token, DateTimeOffset ExpiresAt);
