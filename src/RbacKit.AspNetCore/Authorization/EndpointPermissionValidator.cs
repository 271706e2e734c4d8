using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Permissions;

namespace RbacKit.AspNetCore;

/// <summary>
/// Fails start-up when an endpoint requires a permission the catalog does not declare (a typo would otherwise deny
/// everyone, or worse, be noticed late). Runs once the application's pipeline is built, before the server starts, and
/// walks every endpoint of every data source once.
/// </summary>
internal sealed class EndpointPermissionValidator : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        Validate(app.ApplicationServices);
    };

    private static void Validate(IServiceProvider services)
    {
        var dataSource = services.GetService<EndpointDataSource>();
        var catalog = services.GetService<PermissionCatalog>();
        if (dataSource is null || catalog is null)
        {
            return;
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

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("RbacKit: " + string.Join(Environment.NewLine + "RbacKit: ", problems));
        }
    }

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
