namespace RbacKit.AspNetCore;

/// <summary>What a queued recovery request asks for.</summary>
internal enum RecoveryRequestKind
{
    ForgotPassword,
    ResendConfirmation,
}
