namespace RbacKit.Accounts.Recovery;

/// <summary>Lifetimes of mail tokens.</summary>
public sealed class MailTokenOptions
{
    /// <summary>How long a password reset link works. Default 30 minutes.</summary>
    public TimeSpan ResetPasswordLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long an address confirmation (or email change) link works. Default 24 hours.</summary>
    public TimeSpan ConfirmEmailLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The lifetime of a token of <paramref name="purpose"/>.</summary>
    public TimeSpan LifetimeOf(MailTokenPurpose purpose) =>
        purpose == MailTokenPurpose.ResetPassword ? ResetPasswordLifetime : ConfirmEmailLifetime;
}
