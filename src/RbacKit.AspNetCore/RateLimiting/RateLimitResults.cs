using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RbacKit.AspNetCore;

/// <summary>Applies a limit inside an endpoint and builds the 429 answer.</summary>
internal static partial class RateLimitResults
{
    /// <summary>Takes a permit; returns the 429 result when the caller is over the limit.</summary>
    public static async ValueTask<IResult?> CheckAsync(HttpContext context, RateLimitPolicy policy, string key)
    {
        var limiters = context.RequestServices.GetRequiredService<RbacKitRateLimiters>();
        if (await limiters.TryAcquireAsync(policy, key, context.RequestAborted).ConfigureAwait(false) is not { } retryAfter)
        {
            return null;
        }

        return Refuse(context, policy, retryAfter);
    }

    /// <summary>The 429 answer of <paramref name="policy"/>: logged, <c>Retry-After</c> set, a problem body.</summary>
    public static IResult Refuse(HttpContext context, RateLimitPolicy policy, TimeSpan retryAfter)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("RbacKit.AspNetCore.RateLimiting");
        AspNetCoreLog.Throttled(logger, policy, context.Request.Path);
        var seconds = RetryAfterResult.Seconds(retryAfter);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return RbacProblems.Create(StatusCodes.Status429TooManyRequests, RbacErrorCodes.TooManyRequests, $"Too many attempts; try again in {seconds} seconds.");
    }
}
