using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RbacKit;
using RbacKit.AspNetCore;
using RbacKit.Clients;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps RbacKit's OAuth client (service account) administration endpoints.</summary>
public static class RbacKitClientsApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps list, get, create, rotate-secret and delete of OAuth clients under <paramref name="prefix"/>, guarded by
    /// <c>clients:read</c> and <c>clients:write</c>; escalation rules (grant only what you hold) are enforced by Core.
    /// Returns the group.
    /// </summary>
    public static RouteGroupBuilder MapRbacKitClientsApi(this IEndpointRouteBuilder endpoints, string prefix = "/clients")
    {
        var options = EndpointMapping.GetOptions(endpoints);
        var group = endpoints.MapGroup(prefix).WithTags("Clients");

        group.Map(options, RbacKitEndpointNames.ListClients, "Every OAuth client (never a secret).", g => g
            .MapGet("/", ClientHandlers.ListAsync).RequireBearerPermission(RbacPermissions.ClientsRead)
            .Produces<IReadOnlyList<ClientInfo>>());

        group.Map(options, RbacKitEndpointNames.CreateClient, "Creates an OAuth client with permissions the caller holds; the secret is shown once.", g => g
            .MapPost("/", ClientHandlers.CreateAsync).RequireBearerPermission(RbacPermissions.ClientsWrite)
            .AcceptsJson<ClientInput>()
            .Produces<CreatedClient>(StatusCodes.Status201Created));

        group.Map(options, RbacKitEndpointNames.GetClient, "One OAuth client (never its secret).", g => g
            .MapGet("/{id:guid}", ClientHandlers.GetAsync).RequireBearerPermission(RbacPermissions.ClientsRead)
            .Produces<ClientInfo>()
            .ProducesProblem(StatusCodes.Status404NotFound));

        group.Map(options, RbacKitEndpointNames.RotateClientSecret, "Replaces the secret; the old one and the client's tokens stop working at once.", g => g
            .MapPost("/{id:guid}/secret", ClientHandlers.RotateSecretAsync).RequireBearerPermission(RbacPermissions.ClientsWrite)
            .Produces<ClientSecretInfo>()
            .ProducesProblem(StatusCodes.Status404NotFound));

        group.Map(options, RbacKitEndpointNames.DeleteClient, "Deletes an OAuth client; its tokens stop working at once.", g => g
            .MapDelete("/{id:guid}", ClientHandlers.DeleteAsync).RequireBearerPermission(RbacPermissions.ClientsWrite)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound));
        return group;
    }
}
