using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RbacKit.Permissions;

namespace RbacKit.AspNetCore;

/// <summary>
/// Fails start-up when an endpoint requires a permission the catalog does not declare (a typo would otherwise deny
/// everyone, or worse, be noticed late). Walks every endpoint of every data source once.
/// </summary>
internal sealed class EndpointPermissionValidator(IServiceProvider services, PermissionCatalog catalog) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var dataSource = services.GetService<EndpointDataSource>();
        if (dataSource is null)
        {
            return Task.CompletedTask;
        }

        var problems = new List<string>();
        foreach (var endpoint in dataSource.Endpoints)
        {
            foreach (var data in endpoint.Metadata.GetOrderedMetadata<IAuthorizationRequirementData>())
            {
                foreach (var requirement in data.GetRequirements().OfType<PermissionRequirement>())
                {
                    if (requirement.Permissions.Count == 0)
                    {
                        problems.Add($"endpoint '{Describe(endpoint)}' has a permission requirement without any permission name.");
                    }

                    foreach (var unknown in requirement.UnknownPermissions(catalog).Distinct(StringComparer.Ordinal))
                    {
                        problems.Add($"endpoint '{Describe(endpoint)}' requires permission '{unknown}', which is not in the permission catalog; declare it with options.Permissions.Add(\"{unknown}\", \"...\") or fix the name.");
                    }
                }
            }
        }

        return problems.Count == 0
            ? Task.CompletedTask
            : throw new InvalidOperationException("RbacKit: " + string.Join(Environment.NewLine + "RbacKit: ", problems));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Describe(Endpoint endpoint)
    {
        if (endpoint is RouteEndpoint route)
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            var verb = methods is { Count: > 0 } ? string.Join(',', methods) + " " : "";
            return $"{verb}/{route.RoutePattern.RawText?.TrimStart('/')}";
        }

        return endpoint.DisplayName ?? "(unnamed)";
    }
}
