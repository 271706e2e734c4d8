using Microsoft.AspNetCore.Http;

namespace RbacKit.AspNetCore;

/// <summary>An endpoint filter that applies a per-client (per-user when authenticated, for MFA and account proofs) limit before the handler runs.</summary>
internal sealed class RateLimitFilter(RateLimitPolicy policy) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = policy is RateLimitPolicy.Mfa or RateLimitPolicy.AccountProof && http.GetRbacKitUser() is { } user
            ? "user:" + user.UserId.ToString("N")
            : RbacKitRateLimiters.ClientKey(http);
        return await RateLimitResults.CheckAsync(http, policy, key).ConfigureAwait(false) ?? await next(context).ConfigureAwait(false);
    }
}
