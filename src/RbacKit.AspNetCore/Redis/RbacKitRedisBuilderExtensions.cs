using System.Diagnostics.CodeAnalysis;
using RbacKit;
using RbacKit.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Redis to RbacKit.</summary>
public static class RbacKitRedisBuilderExtensions
{
    /// <summary>
    /// Shares authorization changes (logout, revocation, role and user changes) between instances through Redis pub/sub,
    /// over one connection opened asynchronously on first use (health check: <c>AddRbacKitRedis()</c>). Start-up never waits for Redis;
    /// while it is unreachable, every instance reads authorization state from the store (never fails open).
    /// </summary>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The overloads extend different builder types, so no call can bind to both.")]
    public static RbacKitBuilder AddRedis(this RbacKitBuilder builder, string connectionString, Action<RbacKitRedisOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        RedisServices.Add(builder.Services, connectionString, configure);
        return builder;
    }

    /// <summary>
    /// Lets a resource server hear revocations: ended sessions, changed users (and, by default, changed roles) reject the
    /// tokens issued before the change, for the access-token lifetime.
    /// </summary>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
        Justification = "The overloads extend different builder types, so no call can bind to both.")]
    public static RbacKitResourceServerBuilder AddRedis(this RbacKitResourceServerBuilder builder, string connectionString, Action<RbacKitRedisOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        RedisServices.Add(builder.Services, connectionString, configure);
        return builder;
    }
}
