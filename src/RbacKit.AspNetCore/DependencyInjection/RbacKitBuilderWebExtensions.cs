using RbacKit;
using RbacKit.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Web settings on <see cref="RbacKitBuilder"/>.</summary>
public static class RbacKitBuilderWebExtensions
{
    /// <summary>Configures the endpoint groups (disabled endpoints, body size limit). Calls accumulate.</summary>
    public static RbacKitBuilder ConfigureEndpoints(this RbacKitBuilder builder, Action<RbacKitEndpointOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Configures the rate limits of login, registration, refresh and MFA. Calls accumulate.</summary>
    public static RbacKitBuilder ConfigureRateLimits(this RbacKitBuilder builder, Action<RbacKitRateLimitOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(configure);
        return builder;
    }
}
