using RbacKit.Domain;

namespace RbacKit.Mfa;

/// <summary>TOTP enrolment, verification and recovery codes.</summary>
public interface IMfaService
{
    /// <summary>
    /// Creates a pending secret; MFA is not required until <see cref="ConfirmTotpAsync"/>. Needs re-authentication:
    /// <paramref name="currentPassword"/>, or session <paramref name="sessionId"/> logged in less than
    /// <see cref="MfaOptions.ReauthenticationWindow"/> ago (else <see cref="RbacErrorCodes.ReauthenticationRequired"/>).
    /// </summary>
    Task<RbacResult<TotpSetup>> BeginTotpSetupAsync(Guid userId, Guid sessionId, string? currentPassword, CancellationToken cancellationToken);

    /// <summary>
    /// Confirms the pending secret with a current code, turns MFA on and returns fresh recovery codes (shown once). Needs
    /// re-authentication as <see cref="BeginTotpSetupAsync"/> does.
    /// </summary>
    Task<RbacResult<IReadOnlyList<string>>> ConfirmTotpAsync(Guid userId, Guid sessionId, string? currentPassword, string code, CancellationToken cancellationToken);

    /// <summary>Turns MFA off after the second factor: a current TOTP code or an unused recovery code (consumed). A wrong one counts toward the lockout.</summary>
    Task<RbacResult> DisableTotpAsync(Guid userId, string? code, string? recoveryCode, CancellationToken cancellationToken);

    /// <summary>Checks a second factor at login: a TOTP code (accepted once) or an unused recovery code (consumed).</summary>
    Task<bool> VerifySecondFactorAsync(User user, string? code, string? recoveryCode, CancellationToken cancellationToken);
}
