namespace RbacKit.AspNetCore;

/// <summary>The rate-limited operations.</summary>
internal enum RateLimitPolicy
{
    Login,
    LoginPerAccount,
    Register,
    Refresh,
    Mfa,
    AccountProof,
    Recovery,
    RecoveryPerEmail,
}
