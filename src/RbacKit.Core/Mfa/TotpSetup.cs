namespace RbacKit.Mfa;

/// <summary>A pending TOTP enrolment: the secret to enter or scan. Shown once.</summary>
/// <param name="Secret">The secret, base32.</param>
/// <param name="OtpAuthUri">The <c>otpauth://totp/...</c> URI for QR codes.</param>
public sealed record TotpSetup(string Secret, string OtpAuthUri);
