using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace RbacKit.AspNetCore;

/// <summary>
/// Enforces <see cref="RequirePermissionAttribute"/> and <see cref="RequireAnyPermissionAttribute"/> on SignalR hubs and
/// hub methods. SignalR authorizes hub methods from <see cref="IAuthorizeData"/> alone (an authenticated caller), not
/// from <see cref="IAuthorizationRequirementData"/>, so the permission requirements are checked here, against the
/// caller's <c>Context.User</c>, through <see cref="IAuthorizationService"/> like every other requirement.
/// </summary>
internal sealed class PermissionHubFilter(IAuthorizationService authorization) : IHubFilter
{
    private static readonly ConcurrentDictionary<MethodInfo, IAuthorizationRequirement[]> Requirements = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        var requirements = Requirements.GetOrAdd(invocationContext.HubMethod, Collect);
        if (requirements.Length > 0)
        {
            var user = invocationContext.Context.User;
            var result = user is null
                ? AuthorizationResult.Failed()
                : await authorization.AuthorizeAsync(user, invocationContext, requirements).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                // The wording SignalR itself uses for a refused hub method.
                throw new HubException($"Failed to invoke '{invocationContext.HubMethodName}' because user is unauthorized");
            }
        }

        return await next(invocationContext).ConfigureAwait(false);
    }

    private static IAuthorizationRequirement[] Collect(MethodInfo method)
    {
        var attributes = (method.DeclaringType?.GetCustomAttributes(inherit: true) ?? []).Concat(method.GetCustomAttributes(inherit: true));
        return [.. attributes.OfType<IAuthorizationRequirementData>()
            .Where(a => a is RequirePermissionAttribute or RequireAnyPermissionAttribute)
            .SelectMany(a => a.GetRequirements())];
    }
}
