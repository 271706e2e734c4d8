namespace RbacKit.Accounts;

/// <summary>Sign-in, token refresh and sign-out.</summary>
public interface IAuthService
{
    /// <summary>
    /// Signs in. Unknown email, wrong password, locked and deactivated accounts all give
    /// <see cref="RbacErrorCodes.InvalidCredentials"/> after the same password work. With MFA on and no second factor:
    /// <see cref="RbacErrorCodes.MfaRequired"/>. Every attempt is recorded in the login history.
    /// </summary>
    Task<RbacResult<TokenPair>> LoginAsync(LoginRequest request, Sessions.ClientInfo client, CancellationToken cancellationToken);

    /// <summary>
    /// Signs in a user whom an external provider (<paramref name="provider"/>, its configured name) vouched for: no
    /// password, but deactivation, lockout and MFA apply as at <see cref="LoginAsync"/> (<see cref="RbacErrorCodes.MfaRequired"/>
    /// without a second factor). Recorded in the login history with the provider.
    /// </summary>
    Task<RbacResult<TokenPair>> SignInExternalAsync(Guid userId, string provider, string? twoFactorCode, string? recoveryCode, Sessions.ClientInfo client, CancellationToken cancellationToken);

    /// <summary>Spends a refresh token for a new pair (see <see cref="Sessions.ISessionService.RefreshAsync"/>).</summary>
    Task<RbacResult<TokenPair>> RefreshAsync(string? refreshToken, CancellationToken cancellationToken);

    /// <summary>Ends the caller's session: its access and refresh tokens stop working at once.</summary>
    Task<RbacResult> LogoutAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken);

    /// <summary>Ends every other session of the caller.</summary>
    Task<RbacResult> LogoutOthersAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken);
}
