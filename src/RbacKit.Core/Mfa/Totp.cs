using OtpNet;

namespace RbacKit.Mfa;

/// <summary>RFC 6238 TOTP through Otp.NET: SHA-1, 6 digits, 30-second steps, one step of drift either way.</summary>
internal static class Totp
{
    public const int Digits = 6;
    public const int StepSeconds = 30;

    /// <summary>The matched time step, or null when the code is wrong for the window around <paramref name="now"/>.</summary>
    public static long? Match(byte[] secret, string code, DateTimeOffset now)
    {
        if (code is not { Length: Digits } || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new OtpNet.Totp(secret, StepSeconds, OtpHashMode.Sha1, Digits);
        return totp.VerifyTotp(now.UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)) ? step : null;
    }

    public static string Compute(byte[] secret, DateTimeOffset at) =>
        new OtpNet.Totp(secret, StepSeconds, OtpHashMode.Sha1, Digits).ComputeTotp(at.UtcDateTime);

    public static string ToBase32(byte[] secret) => Base32Encoding.ToString(secret).TrimEnd('=');

    public static string BuildUri(string issuer, string account, string base32Secret)
    {
        var label = Uri.EscapeDataString(issuer) + ":" + Uri.EscapeDataString(account);
        return $"otpauth://totp/{label}?secret={base32Secret}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}";
    }
}
