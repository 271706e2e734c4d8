using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Filters;
using RbacKit.Permissions;

namespace RbacKit.AspNetCore;

/// <summary>Checks a <see cref="PermissionRequirement"/> against the caller's <see cref="IRbacKitUserFeature"/>: a bit test.</summary>
internal sealed class PermissionAuthorizationHandler(PermissionCatalog catalog) : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var http = context.Resource switch
        {
            HttpContext httpContext => httpContext,
            AuthorizationFilterContext filterContext => filterContext.HttpContext,
            _ => null,
        };
        var user = http?.Features.Get<IRbacKitUserFeature>();
        if (user is null)
        {
            return Task.CompletedTask;
        }

        using var activity = RbacKitMetrics.ActivitySource.StartActivity("RbacKit.Authorize");
        if (requirement.IsSatisfiedBy(user.Permissions, catalog))
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
