using CinemaAuthHost.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CinemaAuthHost.Hosting;

/// <summary>Liveness (the process answers) and readiness (the database, and Redis when configured).</summary>
internal static class CinemaHealthChecks
{
    public const string Ready = "ready";

    public static IServiceCollection AddCinemaHealthChecks(this IServiceCollection services, bool redis)
    {
        var checks = services.AddHealthChecks().AddCheck<DatabaseCheck>("database", tags: [Ready]);
        if (redis)
        {
            checks.AddRbacKitRedis("redis", tags: [Ready]);
        }

        return services;
    }

    private sealed class DatabaseCheck(CinemaDbContext context) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context1, CancellationToken cancellationToken = default)
        {
            try
            {
                return await context.Database.CanConnectAsync(cancellationToken)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("The database does not accept connections.");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("The database is unreachable.", e);
            }
        }
    }
}
