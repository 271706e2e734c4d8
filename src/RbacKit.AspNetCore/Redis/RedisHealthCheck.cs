using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace RbacKit.AspNetCore;

/// <summary>Healthy when RbacKit's Redis connection answers a PING.</summary>
internal sealed class RedisHealthCheck(RedisConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var multiplexer = await connection.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            await multiplexer.GetDatabase().PingAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable.", e);
        }
    }
}
