using Microsoft.Extensions.Options;

namespace RbacKit.AspNetCore;

/// <summary>Checks the rate-limit options at start-up, so a bad value is refused with what to set instead of being
/// replaced silently.</summary>
internal sealed class RbacKitRateLimitOptionsValidator : IValidateOptions<RbacKitRateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RbacKitRateLimitOptions options)
    {
        var failures = new List<string>();
        if (options.RedisTimeout <= TimeSpan.Zero || options.RedisTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"RbacKit rate limits: RedisTimeout (RateLimits:RedisTimeout) must be more than 0 and at most 1 minute; it is {options.RedisTimeout}.");
        }

        var limits = new List<(string Name, RbacKitRateLimit Limit)>
        {
            ("Login", options.Login), ("LoginPerAccount", options.LoginPerAccount), ("Register", options.Register),
            ("Refresh", options.Refresh), ("Mfa", options.Mfa), ("AccountProof", options.AccountProof),
            ("Recovery", options.Recovery), ("RecoveryPerEmail", options.RecoveryPerEmail),
        };
        limits.AddRange(options.Roles.Select(r => ($"Roles:{r.Key}", r.Value)));
        foreach (var (limitName, limit) in limits)
        {
            if (limit.PermitLimit < 0 || (limit.PermitLimit > 0 && (limit.Window <= TimeSpan.Zero || limit.SegmentsPerWindow < 1)))
            {
                failures.Add($"RbacKit rate limits: {limitName} needs PermitLimit 0 (off) or more, and when on a positive Window and SegmentsPerWindow of at least 1.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
