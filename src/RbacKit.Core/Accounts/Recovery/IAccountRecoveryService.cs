namespace RbacKit.Accounts.Recovery;

/// <summary>
/// Address confirmation, password reset and email change through single-use, purpose-bound mail tokens. The mails are
/// queued in the outbox; none of these calls waits for SMTP.
/// </summary>
public interface IAccountRecoveryService
{
    /// <summary>
    /// Redeems a confirmation token: the account's address becomes confirmed, or, for an email-change token, the pending
    /// address becomes the account's (confirmed) email. <see cref="RbacErrorCodes.InvalidToken"/> for an unknown, used or
    /// expired token; <see cref="RbacErrorCodes.EmailTaken"/> when the new address was taken meanwhile.
    /// </summary>
    Task<RbacResult> ConfirmEmailAsync(string? token, CancellationToken cancellationToken);

    /// <summary>
    /// Sends a new confirmation link when an active account with an unconfirmed address has <paramref name="email"/>;
    /// otherwise nothing, after similar work. Fails only for a malformed address, so the result never tells whether an
    /// account exists.
    /// </summary>
    Task<RbacResult> ResendConfirmationAsync(string? email, CancellationToken cancellationToken);

    /// <summary>
    /// Checks <paramref name="email"/> the way <see cref="ForgotPasswordAsync"/> and <see cref="ResendConfirmationAsync"/>
    /// do, without looking anything up: lets a caller answer a malformed address at once and run the real work later
    /// (so the answer's timing cannot tell whether an account exists).
    /// </summary>
    RbacResult ValidateEmail(string? email);

    /// <summary>
    /// Sends a reset link when an active account has <paramref name="email"/>; otherwise nothing, after similar work. Fails
    /// only for a malformed address.
    /// </summary>
    Task<RbacResult> ForgotPasswordAsync(string? email, CancellationToken cancellationToken);

    /// <summary>
    /// Redeems a reset token: sets the password (the policy applies), confirms the address (the link proved it), clears the
    /// lockout, ends every session of the user and mails a notice. <see cref="RbacErrorCodes.InvalidToken"/> for an unknown,
    /// used or expired token.
    /// </summary>
    Task<RbacResult> ResetPasswordAsync(string? token, string? newPassword, CancellationToken cancellationToken);

    /// <summary>
    /// After checking the current password, sends a confirmation link to <paramref name="newEmail"/> and a notice to the
    /// current address, and ends every other session. The email changes only when the link is confirmed.
    /// <see cref="RbacErrorCodes.EmailTaken"/> when another account has the address.
    /// </summary>
    Task<RbacResult> RequestEmailChangeAsync(Guid userId, Guid currentSessionId, string? currentPassword, string? newEmail, CancellationToken cancellationToken);
}
