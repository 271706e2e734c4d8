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

    /// <summary>Authenticated requests per user, with the limit of one of the user's roles (the key names the role).</summary>
    Role,
}
