namespace RbacKit.AspNetCore;

/// <summary>Which mail a recovery request sends.</summary>
public enum RbacKitRecoveryMail
{
    /// <summary>A password reset link (<c>POST /auth/forgot-password</c>).</summary>
    ForgotPassword,

    /// <summary>A new confirmation link (<c>POST /auth/resend-confirmation</c>).</summary>
    ResendConfirmation,
}
