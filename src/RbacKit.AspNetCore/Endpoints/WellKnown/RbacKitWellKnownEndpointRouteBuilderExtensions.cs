using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using RbacKit;
using RbacKit.AspNetCore;
using RbacKit.Tokens;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the JWKS and discovery documents.</summary>
public static class RbacKitWellKnownEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/.well-known/jwks.json</c> (the published signing keys) and <c>/.well-known/openid-configuration</c>.
    /// Absolute URLs are built from <see cref="RbacKitOptions.Issuer"/> when it is an http(s) URL, else from the request.
    /// </summary>
    public static RouteGroupBuilder MapRbacKitWellKnown(this IEndpointRouteBuilder endpoints)
    {
        var options = EndpointMapping.GetOptions(endpoints);
        var group = endpoints.MapGroup("/.well-known").WithTags("Discovery").AllowAnonymous();

        group.Map(options, RbacKitEndpointNames.Jwks, "The public keys that verify access tokens.", g => g
            .MapGet("/jwks.json", GetJwks)
            .Produces<JsonWebKeySetDocument>());

        group.Map(options, RbacKitEndpointNames.OpenIdConfiguration, "The discovery document: the issuer and its JWKS URL.", g => g
            .MapGet("/openid-configuration", GetConfiguration)
            .Produces<OpenIdConfigurationDocument>());
        return group;
    }

    private static IResult GetJwks(HttpContext context, [FromServices] IKeyRing keyRing)
    {
        // Short: a rotated key signs at once, so caches in front of this endpoint must catch up quickly.
        context.Response.Headers.CacheControl = "public, max-age=60";
        return RbacResults.Json(keyRing.GetJwks());
    }

    private static IResult GetConfiguration(HttpContext context, [FromServices] IOptions<RbacKitOptions> options)
    {
        var rbac = options.Value;
        var baseUrl = Uri.TryCreate(rbac.Issuer, UriKind.Absolute, out var issuer) && (issuer.Scheme == Uri.UriSchemeHttps || issuer.Scheme == Uri.UriSchemeHttp)
            ? rbac.Issuer.TrimEnd('/')
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
        context.Response.Headers.CacheControl = "public, max-age=300";
        return RbacResults.Json(new OpenIdConfigurationDocument
        {
            Issuer = rbac.Issuer,
            JwksUri = baseUrl + "/.well-known/jwks.json",
        });
    }
}
