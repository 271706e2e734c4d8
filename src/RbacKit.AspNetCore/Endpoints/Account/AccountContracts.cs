namespace RbacKit.AspNetCore;

/// <summary>The body of <c>POST /me/password</c>.</summary>
/// <param name="CurrentPassword">The password in use.</param>
/// <param name="NewPassword">The new password.</param>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>The body of <c>POST /me/email</c>.</summary>
/// <param name="CurrentPassword">The password in use.</param>
/// <param name="NewEmail">The new email.</param>
public sealed record ChangeEmailRequest(string? CurrentPassword, string? NewEmail);

/// <summary>The body of <c>DELETE /me</c>.</summary>
/// <param name="Password">The password in use.</param>
public sealed record DeleteAccountRequest(string? Password);

/// <summary>The optional body of <c>POST /me/mfa/totp/setup</c>.</summary>
/// <param name="CurrentPassword">The password in use; optional within a few minutes of the login.</param>
public sealed record MfaSetupRequest(string? CurrentPassword = null);

/// <summary>The body of <c>POST /me/mfa/totp/confirm</c>.</summary>
/// <param name="Code">The current code of the authenticator.</param>
/// <param name="CurrentPassword">The password in use; optional within a few minutes of the login.</param>
public sealed record MfaConfirmRequest(string? Code, string? CurrentPassword = null);

/// <summary>The body of <c>DELETE /me/mfa/totp</c>: the second factor, a current code or a recovery code.</summary>
/// <param name="Code">A current TOTP code.</param>
/// <param name="RecoveryCode">An unused recovery code (consumed).</param>
public sealed record MfaDisableRequest(string? Code = null, string? RecoveryCode = null);

/// <summary>The answer of <c>GET /me/permissions</c>.</summary>
/// <param name="Permissions">The names of the caller's effective permissions.</param>
public sealed record PermissionListResponse(IReadOnlyList<string> Permissions);

/// <summary>The answer of <c>POST /me/mfa/totp/setup</c>. Shown once.</summary>
/// <param name="Secret">The secret, base32.</param>
/// <param name="OtpauthUri">The <c>otpauth://</c> URI.</param>
/// <param name="QrCodeSvg">The URI as an SVG QR code.</param>
public sealed record MfaSetupResponse(string Secret, string OtpauthUri, string QrCodeSvg);

/// <summary>The answer of <c>POST /me/mfa/totp/confirm</c>. Shown once.</summary>
/// <param name="RecoveryCodes">Single-use codes that replace the authenticator once each.</param>
public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);
