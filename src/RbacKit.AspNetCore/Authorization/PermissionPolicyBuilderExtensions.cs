using RbacKit.AspNetCore;

namespace Microsoft.AspNetCore.Authorization;

/// <summary>
/// Permission requirements for named policies, so resource-based checks work the conventional way:
/// <c>options.AddPolicy("edit-movies", p =&gt; p.RequirePermission("movies:write"))</c>, then
/// <c>authorizationService.AuthorizeAsync(User, movie, "edit-movies")</c>.
/// </summary>
public static class PermissionPolicyBuilderExtensions
{
    /// <summary>
    /// Requires every one of <paramref name="permissions"/> and an authenticated caller. Add
    /// <c>AddAuthenticationSchemes(RbacKitAuthenticationDefaults.AuthenticationScheme)</c> when RbacKit is not the
    /// default scheme. A name the catalog does not declare is never satisfied (fail closed).
    /// </summary>
    public static AuthorizationPolicyBuilder RequirePermission(this AuthorizationPolicyBuilder builder, params string[] permissions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(permissions);
        return builder.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permissions, requireAll: true));
    }

    /// <summary>Requires at least one of <paramref name="permissions"/> and an authenticated caller.</summary>
    public static AuthorizationPolicyBuilder RequireAnyPermission(this AuthorizationPolicyBuilder builder, params string[] permissions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(permissions);
        return builder.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permissions, requireAll: false));
    }
}
