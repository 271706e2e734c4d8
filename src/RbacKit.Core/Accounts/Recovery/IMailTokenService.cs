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
