using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace RbacKit.AspNetCore;

/// <summary>
/// Checks a <see cref="PermissionRequirement"/> against the permissions of the caller's
/// <see cref="RbacKit.Permissions.RbacKitIdentity"/> on <c>context.User</c>: a bit test, whatever the resource
/// (an endpoint, an MVC filter context, a hub invocation, a domain object of a resource-based check).
/// </summary>
internal sealed class PermissionAuthorizationHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var identity = context.User.GetRbacKitIdentity();
        if (identity is null)
        {
            return Task.CompletedTask;
        }

        using var activity = RbacKitWebMetrics.ActivitySource.StartActivity("RbacKit.Authorize");
        if (requirement.IsSatisfiedBy(identity))
        {
            context.Succeed(requirement);
        }
        else
        {
            // Left pending rather than failed, so it is listed in the failure's FailedRequirements (counted and logged).
            activity?.SetTag("rbackit.denied", requirement.ToString());
        }

        return Task.CompletedTask;
    }
}
