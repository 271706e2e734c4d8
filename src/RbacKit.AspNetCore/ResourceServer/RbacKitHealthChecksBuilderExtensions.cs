using RbacKit.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Health checks for RbacKit hosts and resource servers.</summary>
public static class RbacKitHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check that is unhealthy until the issuer's discovery document and signing keys have been read, so a readiness
    /// probe holds traffic back from a resource server that cannot validate tokens yet. Requires
    /// <c>AddRbacKitResourceServer</c>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name. Default <c>rbackit-issuer-keys</c>.</param>
    /// <param name="tags">Tags, for example the one a readiness endpoint filters on.</param>
    public static IHealthChecksBuilder AddRbacKitIssuerKeys(this IHealthChecksBuilder builder, string name = "rbackit-issuer-keys", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<IssuerKeysHealthCheck>(name, tags: tags);
    }

    /// <summary>
    /// Adds a check that is healthy when RbacKit's Redis connection answers a PING (requires <c>AddRedis</c>). It uses the
    /// connection RbacKit opens asynchronously; nothing blocks on Redis at start-up.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name. Default <c>rbackit-redis</c>.</param>
    /// <param name="tags">Tags, for example the one a readiness endpoint filters on.</param>
    public static IHealthChecksBuilder AddRbacKitRedis(this IHealthChecksBuilder builder, string name = "rbackit-redis", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<RedisHealthCheck>(name, tags: tags);
    }
}
