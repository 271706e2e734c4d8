using RbacKit.Domain;

namespace RbacKit.Mfa;

/// <summary>TOTP enrolment, verification and recovery codes.</summary>
public interface IMfaService
{
    /// <summary>Creates a pending secret; MFA is not required until <see cref="ConfirmTotpAsync"/>.</summary>
    Task<RbacResult<TotpSetup>> BeginTotpSetupAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Confirms the pending secret with a current code, turns MFA on and returns fresh recovery codes (shown once).</summary>
    Task<RbacResult<IReadOnlyList<string>>> ConfirmTotpAsync(Guid userId, string code, CancellationToken cancellationToken);

    /// <summary>Turns MFA off after a current TOTP code or the account password.</summary>
    Task<RbacResult> DisableTotpAsync(Guid userId, string? code, string? password, CancellationToken cancellationToken);

    /// <summary>Checks a second factor at login: a TOTP code (accepted once) or an unused recovery code (consumed).</summary>
    Task<bool> VerifySecondFactorAsync(User user, string? code, string? recoveryCode, CancellationToken cancellationToken);
}
