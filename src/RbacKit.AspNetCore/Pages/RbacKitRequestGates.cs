using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RbacKit.Sessions;

namespace RbacKit.AspNetCore;

/// <summary>
/// The gates RbacKit's endpoints put in front of Core's services, for a host's own pages (Razor Pages, MVC) that call those
/// services directly: the same rate-limit counters (shared through Redis when configured, so the API and the pages spend
/// one budget), the same client description for sessions and the login history, and the same recovery queue (a known and
/// an unknown address take the same path up to the answer).
/// </summary>
public static class RbacKitRequestGates
{
    /// <summary>
    /// Takes one permit of <paramref name="throttle"/> for this request. <paramref name="subject"/> is the email for
    /// <see cref="RbacKitThrottle.LoginPerAccount"/> and <see cref="RbacKitThrottle.RecoveryPerEmail"/>, the user id for
    /// <see cref="RbacKitThrottle.Mfa"/> and <see cref="RbacKitThrottle.AccountProof"/>, and ignored otherwise (the client
    /// address is the partition). Returns <see langword="null"/> when allowed, else how long until a permit frees.
    /// </summary>
    public static ValueTask<TimeSpan?> TryAcquireRbacKitPermitAsync(this HttpContext context, RbacKitThrottle throttle, string? subject = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (policy, key) = throttle switch
        {
            RbacKitThrottle.Login => (RateLimitPolicy.Login, RbacKitRateLimiters.ClientKey(context)),
            RbacKitThrottle.Register => (RateLimitPolicy.Register, RbacKitRateLimiters.ClientKey(context)),
            RbacKitThrottle.Recovery => (RateLimitPolicy.Recovery, RbacKitRateLimiters.ClientKey(context)),
            RbacKitThrottle.LoginPerAccount => (RateLimitPolicy.LoginPerAccount, Normalizer.NormalizeKey(subject ?? "")),
            RbacKitThrottle.RecoveryPerEmail => (RateLimitPolicy.RecoveryPerEmail, Normalizer.NormalizeKey(subject ?? "")),
            RbacKitThrottle.Mfa => (RateLimitPolicy.Mfa, UserKey(context, subject)),
            RbacKitThrottle.AccountProof => (RateLimitPolicy.AccountProof, UserKey(context, subject)),
            _ => throw new ArgumentOutOfRangeException(nameof(throttle)),
        };
        return TryAcquireAsync(context, policy, key);
    }

    /// <summary>
    /// Queues a recovery mail for <paramref name="email"/> as the API does: the lookup and the mail run in the background.
    /// Check the address first with <see cref="Accounts.Recovery.IAccountRecoveryService.ValidateEmail"/> and take a
    /// <see cref="RbacKitThrottle.RecoveryPerEmail"/> permit. False when the queue is full: ask the person to try again shortly.
    /// </summary>
    public static bool TryQueueRbacKitRecoveryMail(this HttpContext context, RbacKitRecoveryMail mail, string email)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var queue = context.RequestServices.GetRequiredService<RecoveryRequestQueue>();
        var kind = mail == RbacKitRecoveryMail.ForgotPassword ? RecoveryRequestKind.ForgotPassword : RecoveryRequestKind.ResendConfirmation;
        if (queue.TryEnqueue(new RecoveryRequest(kind, email.Trim())))
        {
            return true;
        }

        if (queue.StartsFullStreak())
        {
            AspNetCoreLog.RecoveryQueueFull(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("RbacKit.AspNetCore.Recovery"));
        }

        return false;
    }

    /// <summary>
    /// Registers as <c>POST /auth/register</c> does: the host's <see cref="IRbacKitRegistrationHook"/>s validate first,
    /// then <see cref="Accounts.IAccountService.RegisterAsync"/>, then the hooks hear of the new account. Take a
    /// <see cref="RbacKitThrottle.Register"/> permit first. With <see cref="AccountOptions.ConcealRegisteredEmails"/>
    /// answer <see cref="RbacErrorCodes.EmailTaken"/> like a success.
    /// </summary>
    public static async Task<RbacResult<Accounts.UserProfile>> RegisterRbacKitAccountAsync(this HttpContext context, Accounts.RegisterRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        var hooks = context.RequestServices.GetServices<IRbacKitRegistrationHook>().ToList();
        var registration = new RbacKitRegistrationContext(context, request, new Dictionary<string, System.Text.Json.JsonElement>(StringComparer.Ordinal));
        foreach (var hook in hooks)
        {
            if (await hook.ValidateAsync(registration, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }
        }

        var result = await context.RequestServices.GetRequiredService<Accounts.IAccountService>().RegisterAsync(request, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            foreach (var hook in hooks)
            {
                await hook.OnRegisteredAsync(registration, result.Value!, cancellationToken).ConfigureAwait(false);
            }
        }

        return result;
    }

    /// <summary>The caller as sessions and the login history record it: the remote address and the user agent.</summary>
    public static ClientInfo GetRbacKitClientInfo(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ClientInfoFactory.From(context);
    }

    private static string UserKey(HttpContext context, string? subject) =>
        Guid.TryParse(subject, out var user) ? "user:" + user.ToString("N") : RbacKitRateLimiters.ClientKey(context);

    private static async ValueTask<TimeSpan?> TryAcquireAsync(HttpContext context, RateLimitPolicy policy, string key)
    {
        var limiters = context.RequestServices.GetRequiredService<RbacKitRateLimiters>();
        var wait = await limiters.TryAcquireAsync(policy, key, context.RequestAborted).ConfigureAwait(false);
        if (wait is not null)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("RbacKit.AspNetCore.RateLimiting");
            AspNetCoreLog.Throttled(logger, policy, context.Request.Path);
        }

        return wait;
    }
}
