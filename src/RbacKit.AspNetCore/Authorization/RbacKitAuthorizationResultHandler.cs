using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RbacKit.AspNetCore;

/// <summary>
/// Counts and logs permission denials, then lets the framework challenge (401) or forbid (403); the <c>RbacKit</c> scheme
/// writes both as problem details.
/// </summary>
internal sealed partial class RbacKitAuthorizationResultHandler(RbacKitWebMetrics metrics, RbacKitRateLimiters limiters, ILogger<RbacKitAuthorizationResultHandler> logger)
    : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        NoStore.ApplyIfMarked(context);
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure is { } failure)
        {
            var userId = context.User.GetRbacKitIdentity() is { } identity && Guid.TryParse(identity.Name, out var id) ? id : (Guid?)null;
            foreach (var requirement in failure.FailedRequirements.OfType<PermissionRequirement>())
            {
                var permission = requirement.ToString();
                metrics.PermissionDenied(permission);
                AspNetCoreLog.PermissionDenied(logger, userId, permission, context.Request.Method, context.Request.Path);
            }
        }

        if (authorizeResult.Succeeded && limiters.HasRoleLimits && context.Features.Get<IRbacKitUserFeature>() is { Token.IsClient: false } user)
        {
            return LimitByRoleAsync(next, context, policy, authorizeResult, user);
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary><see cref="RbacKitRateLimitOptions.Roles"/>: an authorized request of a user over their role's budget gets 429.</summary>
    private async Task LimitByRoleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult, IRbacKitUserFeature user)
    {
        if (await limiters.TryAcquireForRolesAsync(user.Roles, user.UserId.ToString(), context.RequestAborted).ConfigureAwait(false) is { } wait)
        {
            await RateLimitResults.Refuse(context, RateLimitPolicy.Role, wait).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
    }
}
