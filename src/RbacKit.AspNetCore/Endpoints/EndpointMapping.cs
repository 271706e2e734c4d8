using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RbacKit.AspNetCore;

/// <summary>Shared pieces of RbacKit's endpoint groups.</summary>
internal static class EndpointMapping
{
    public static RbacKitEndpointOptions GetOptions(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<RbacKitWebMarker>() is null)
        {
            throw new InvalidOperationException("RbacKit: call services.AddRbacKit(...) before mapping RbacKit's endpoints.");
        }

        return endpoints.ServiceProvider.GetRequiredService<IOptions<RbacKitEndpointOptions>>().Value;
    }

    /// <summary>Maps one endpoint unless it is disabled, with its name and summary.</summary>
    public static void Map(this RouteGroupBuilder group, RbacKitEndpointOptions options, string name, string summary, Func<RouteGroupBuilder, RouteHandlerBuilder> map)
    {
        if (options.IsEnabled(name))
        {
            map(group).WithName(name).WithSummary(summary);
        }
    }

    /// <summary>Requires an RbacKit bearer token, whatever the application's default scheme; documents the 401.</summary>
    public static RouteHandlerBuilder RequireBearer(this RouteHandlerBuilder builder) =>
        builder.RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = RbacKitAuthenticationDefaults.AuthenticationScheme })
            .ProducesProblem(StatusCodes.Status401Unauthorized);

    /// <summary>Requires a permission (which authenticates with the RbacKit scheme); documents the 401 and 403.</summary>
    public static RouteHandlerBuilder RequireBearerPermission(this RouteHandlerBuilder builder, string permission) =>
        builder.RequirePermission(permission).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>
    /// Documents a JSON body of <typeparamref name="T"/> and the 400, 413 and 415 answers. The body is read by the handler
    /// (<see cref="JsonBody"/>), not by routing, so a wrong content type gets a problem response too.
    /// </summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder, bool required = true)
        where T : notnull =>
        builder.WithMetadata(new JsonRequestBodyMetadata(typeof(T), required))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
}
