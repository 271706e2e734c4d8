namespace RbacKit.AspNetCore;

/// <summary>
/// Rate limits of RbacKit's sensitive endpoints, enforced on those endpoints themselves (no middleware to add). Client
/// addresses come from <c>HttpContext.Connection.RemoteIpAddress</c>; behind a proxy configure forwarded headers. IPv6
/// clients are grouped by /64 network.
/// </summary>
public sealed class RbacKitRateLimitOptions
{
    /// <summary>Whether the limits apply. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// With Redis configured, how long one shared count may take (connecting included) before the instance counts on its
    /// own instead (logged; Redis is tried again a few seconds later). Default 1 second: a slow Redis must not stall the
    /// endpoints it guards. Configuration <c>RateLimits:RedisTimeout</c>.
    /// </summary>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Logins per client address. Default 20 per minute.</summary>
    public RbacKitRateLimit Login { get; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Logins per account (email), whatever the address. Default 10 per 5 minutes.</summary>
    public RbacKitRateLimit LoginPerAccount { get; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Registrations per client address. Default 10 per hour.</summary>
    public RbacKitRateLimit Register { get; } = new() { PermitLimit = 10, Window = TimeSpan.FromHours(1) };

    /// <summary>Refreshes per client address. Default 60 per minute.</summary>
    public RbacKitRateLimit Refresh { get; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) };

    /// <summary>MFA setup, confirmation and removal per user (per address when anonymous). Default 10 per 5 minutes.</summary>
    public RbacKitRateLimit Mfa { get; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(5) };

    /// <summary>
    /// Password-checked account changes (<c>POST /me/password</c>, <c>POST /me/email</c>, <c>DELETE /me</c>) per user.
    /// Default 10 per 5 minutes. Wrong proofs also count toward the account lockout.
    /// </summary>
    public RbacKitRateLimit AccountProof { get; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(5) };

    /// <summary>
    /// Mail-sending recovery requests (<c>POST /auth/forgot-password</c>, <c>/auth/resend-confirmation</c>) and token
    /// redemptions (<c>/auth/reset-password</c>, <c>/auth/confirm-email</c>) per client address. Default 20 per 15 minutes.
    /// </summary>
    public RbacKitRateLimit Recovery { get; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(15) };

    /// <summary>
    /// Forgot-password and resend-confirmation requests per target email, whatever the address, whether or not an account
    /// has it (so a mailbox cannot be flooded). Default 3 per 15 minutes.
    /// </summary>
    public RbacKitRateLimit RecoveryPerEmail { get; } = new() { PermitLimit = 3, Window = TimeSpan.FromMinutes(15) };

    /// <summary>
    /// Requests per authenticated user by role (configuration <c>RateLimits:Roles:{role}:PermitLimit</c> and
    /// <c>:Window</c>), on every endpoint that requires authorization, counted per user. A user whose roles have several
    /// limits gets the most generous one (most permits per unit of time); a user none of whose roles has a limit, and an
    /// OAuth client, is not limited here. Over the limit: 429 <c>too_many_requests</c> with <c>Retry-After</c>. Empty by
    /// default. Shared through Redis like the other limits.
    /// </summary>
    public IDictionary<string, RbacKitRateLimit> Roles { get; } = new Dictionary<string, RbacKitRateLimit>(StringComparer.OrdinalIgnoreCase);
}
