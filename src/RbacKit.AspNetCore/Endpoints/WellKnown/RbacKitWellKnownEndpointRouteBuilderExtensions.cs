using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using RbacKit;
using RbacKit.AspNetCore;
using RbacKit.Keys;
using RbacKit.Permissions;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the JWKS and discovery documents.</summary>
public static class RbacKitWellKnownEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/.well-known/jwks.json</c> (the published signing keys), <c>/.well-known/openid-configuration</c> and
    /// <c>/.well-known/oauth-authorization-server</c> (RFC 8414; 404 unless <c>MapRbacKitOAuth</c> is mapped too).
    /// Absolute URLs are built from <see cref="RbacKitOptions.Issuer"/> when it is an http(s) URL, else from the request.
    /// </summary>
    public static RouteGroupBuilder MapRbacKitWellKnown(this IEndpointRouteBuilder endpoints)
    {
        var options = EndpointMapping.GetOptions(endpoints);
        var group = endpoints.MapGroup("/.well-known").WithTags("Discovery").AllowAnonymous();

        group.Map(options, RbacKitEndpointNames.Jwks, "The public keys that verify access tokens.", g => g
            .MapGet("/jwks.json", GetJwks)
            .Produces<JsonWebKeySetDocument>());

        var registry = RbacKitEndpointRegistry.Get(endpoints);
        group.Map(options, RbacKitEndpointNames.OpenIdConfiguration, "The discovery document: the issuer, its JWKS URL and the OAuth endpoints that exist.", g => g
            .MapGet("/openid-configuration", (HttpContext context, [FromServices] IOptions<RbacKitOptions> rbac) => GetConfiguration(context, rbac, registry))
            .Produces<OpenIdConfigurationDocument>());

        group.Map(options, RbacKitEndpointNames.AuthorizationServerMetadata, "RFC 8414 authorization server metadata (when the OAuth endpoints are mapped).", g => g
            .MapGet("/oauth-authorization-server", (HttpContext context, [FromServices] IOptions<RbacKitOptions> rbac, [FromServices] PermissionCatalog catalog) => GetMetadata(context, rbac, catalog, registry))
            .Produces<AuthorizationServerMetadataDocument>()
            .ProducesProblem(StatusCodes.Status404NotFound));
        return group;
    }

    private static IResult GetJwks(HttpContext context, [FromServices] IKeyRing keyRing)
    {
        // Short: a rotated key signs at once, so caches in front of this endpoint must catch up quickly.
        context.Response.Headers.CacheControl = "public, max-age=60";
        return RbacResults.Json(keyRing.GetJwks());
    }

    private static IResult GetConfiguration(HttpContext context, IOptions<RbacKitOptions> options, RbacKitEndpointRegistry registry)
    {
        var rbac = options.Value;
        var baseUrl = BaseUrl(context, rbac);
        var oauth = registry.OAuthPrefix is { } prefix ? baseUrl + Path(prefix) : null;
        context.Response.Headers.CacheControl = "public, max-age=300";
        return RbacResults.Json(new OpenIdConfigurationDocument
        {
            Issuer = rbac.Issuer,
            JwksUri = baseUrl + "/.well-known/jwks.json",
            TokenEndpoint = oauth is null ? null : oauth + "/token",
            RevocationEndpoint = oauth is null ? null : oauth + "/revoke",
            IntrospectionEndpoint = oauth is null ? null : oauth + "/introspect",
            GrantTypesSupported = oauth is null ? null : GrantTypes,
            TokenEndpointAuthMethodsSupported = oauth is null ? null : AuthMethods,
            RevocationEndpointAuthMethodsSupported = oauth is null ? null : AuthMethods,
            IntrospectionEndpointAuthMethodsSupported = oauth is null ? null : AuthMethods,
        });
    }

    private static IResult GetMetadata(HttpContext context, IOptions<RbacKitOptions> options, PermissionCatalog catalog, RbacKitEndpointRegistry registry)
    {
        if (registry.OAuthPrefix is not { } prefix)
        {
            return RbacProblems.Create(StatusCodes.Status404NotFound, RbacErrorCodes.NotFound, "This host maps no OAuth endpoints.");
        }

        var rbac = options.Value;
        var baseUrl = BaseUrl(context, rbac);
        var oauth = baseUrl + Path(prefix);
        context.Response.Headers.CacheControl = "public, max-age=300";
        return RbacResults.Json(new AuthorizationServerMetadataDocument
        {
            Issuer = rbac.Issuer,
            JwksUri = baseUrl + "/.well-known/jwks.json",
            TokenEndpoint = oauth + "/token",
            RevocationEndpoint = oauth + "/revoke",
            IntrospectionEndpoint = oauth + "/introspect",
            GrantTypesSupported = GrantTypes,
            TokenEndpointAuthMethodsSupported = AuthMethods,
            RevocationEndpointAuthMethodsSupported = AuthMethods,
            IntrospectionEndpointAuthMethodsSupported = AuthMethods,
            ScopesSupported = [.. catalog.Definitions.Select(d => d.Name)],
        });
    }

    private static readonly string[] GrantTypes = ["client_credentials", "refresh_token"];
    private static readonly string[] AuthMethods = ["client_secret_basic", "client_secret_post"];

    private static string Path(string prefix) => "/" + prefix.Trim('/');

    private static string BaseUrl(HttpContext context, RbacKitOptions rbac) =>
        Uri.TryCreate(rbac.Issuer, UriKind.Absolute, out var issuer) && (issuer.Scheme == Uri.UriSchemeHttps || issuer.Scheme == Uri.UriSchemeHttp)
            ? rbac.Issuer.TrimEnd('/')
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";
}
