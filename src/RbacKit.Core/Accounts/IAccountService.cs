namespace RbacKit.Accounts;

/// <summary>A user's own account: registration, profile, password, email, deactivation, sessions and history.</summary>
public interface IAccountService
{
    /// <summary>
    /// Registers a user with the default role and queues a confirmation mail. <see cref="RbacErrorCodes.EmailTaken"/> when the
    /// email exists (enforced by the store); with <see cref="AccountOptions.ConcealRegisteredEmails"/> the owner of that
    /// address is mailed too, and the transport should answer a taken address like a new one.
    /// </summary>
    Task<RbacResult<UserProfile>> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Creates the account of a first external sign-in: no password, the default role, the email confirmed only when
    /// <see cref="ExternalAccountRequest.EmailConfirmed"/>. <see cref="RbacErrorCodes.EmailTaken"/> when the address (or
    /// one that looks like it) belongs to an account.
    /// </summary>
    Task<RbacResult<UserProfile>> CreateExternalAsync(ExternalAccountRequest request, CancellationToken cancellationToken);

    /// <summary>The user's profile.</summary>
    Task<RbacResult<UserProfile>> GetProfileAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Changes names.</summary>
    Task<RbacResult<UserProfile>> UpdateProfileAsync(Guid userId, ProfileUpdate update, CancellationToken cancellationToken);

    /// <summary>Changes the password after checking the current one; every other session is ended.</summary>
    Task<RbacResult> ChangePasswordAsync(Guid userId, Guid currentSessionId, string? currentPassword, string? newPassword, CancellationToken cancellationToken);

    /// <summary>Deactivates the account (soft delete) after checking the password and ends every session.</summary>
    Task<RbacResult> DeactivateAsync(Guid userId, string? password, CancellationToken cancellationToken);

    /// <summary>The user's live sessions, newest first.</summary>
    Task<IReadOnlyList<SessionInfo>> ListSessionsAsync(Guid userId, Guid currentSessionId, CancellationToken cancellationToken);

    /// <summary>The user's login attempts, newest first.</summary>
    Task<RbacResult<PagedResult<LoginHistoryItem>>> GetLoginHistoryAsync(Guid userId, int page, int pageSize, CancellationToken cancellationToken);

    /// <summary>
    /// The user's login attempts within <see cref="LoginHistoryOptions.Retention"/>, newest first: page
    /// <paramref name="page"/> (offset paging up to <see cref="Paging.MaxOffset"/> items), or with
    /// <paramref name="cursor"/> the page after it. A malformed cursor or a deeper offset fails validation.
    /// </summary>
    Task<RbacResult<PagedResult<LoginHistoryItem>>> GetLoginHistoryAsync(Guid userId, int page, int pageSize, string? cursor, CancellationToken cancellationToken);

    /// <summary>The names of the user's effective permissions.</summary>
    Task<IReadOnlyList<string>> GetPermissionsAsync(Guid userId, CancellationToken cancellationToken);
}
