namespace RbacKit;

/// <summary>TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps) and recovery codes.</summary>
public sealed class MfaOptions
{
    /// <summary>The issuer shown by authenticator apps. Default <c>RbacKit</c>.</summary>
    public string IssuerName { get; set; } = "RbacKit";

    /// <summary>TOTP secret length in bytes. Default 20 (160 bits), at least 20.</summary>
    public int SecretLength { get; set; } = 20;

    /// <summary>Recovery codes issued when MFA is confirmed. Default 10.</summary>
    public int RecoveryCodeCount { get; set; } = 10;

    /// <summary>
    /// How long after a login TOTP setup and confirmation go without the current password (ASVS 5.0 V7.5). Default 5
    /// minutes; <see cref="TimeSpan.Zero"/> always asks for the password.
    /// </summary>
    public TimeSpan ReauthenticationWindow { get; set; } = TimeSpan.FromMinutes(5);
}
