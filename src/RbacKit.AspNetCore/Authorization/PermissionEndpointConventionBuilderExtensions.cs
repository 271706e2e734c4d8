using RbacKit.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Permission requirements for minimal APIs and route groups.</summary>
public static class PermissionEndpointConventionBuilderExtensions
{
    /// <summary>Requires every one of <paramref name="permissions"/>. Calls accumulate: all are needed.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, params string[] permissions)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(permissions);
        return builder.WithMetadata(new RequirePermissionAttribute(permissions));
    }

    /// <summary>Requires at least one of <paramref name="permissions"/>.</summary>
    public static TBuilder RequireAnyPermission<TBuilder>(this TBuilder builder, params string[] permissions)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(permissions);
        return builder.WithMetadata(new RequireAnyPermissionAttribute(permissions));
    }
}
