using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RbacKit.AspNetCore;

/// <summary>Healthy once the issuer's discovery document and keys have been read; until then tokens cannot be validated.</summary>
internal sealed class IssuerKeysHealthCheck(RemoteKeySource keys) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(keys.HasLoaded
            ? HealthCheckResult.Healthy("The issuer's signing keys are loaded.")
            : new HealthCheckResult(context.Registration.FailureStatus, "The issuer's signing keys have not been read yet."));
}
