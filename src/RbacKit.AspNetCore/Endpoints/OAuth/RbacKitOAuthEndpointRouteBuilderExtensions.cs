using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RbacKit.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps RbacKit's OAuth 2.0 protocol endpoints.</summary>
public static class RbacKitOAuthEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>token</c> (RFC 6749: <c>client_credentials</c> with <c>client_secret_basic</c> or <c>client_secret_post</c>,
    /// and <c>refresh_token</c>), <c>revoke</c> (RFC 7009) and <c>introspect</c> (RFC 7662) under <paramref name="prefix"/>,
    /// form-encoded, anonymous (the client authenticates in the request), never cached. Discovery points at them.
    /// </summary>
    public static RouteGroupBuilder MapRbacKitOAuth(this IEndpointRouteBuilder endpoints, string prefix = "/oauth")
    {
        var options = EndpointMapping.GetOptions(endpoints);
        var group = endpoints.MapGroup(prefix).WithTags("OAuth").WithNoStore().AllowAnonymous();
        RbacKitEndpointRegistry.Get(endpoints).OAuthPrefix = prefix;

        group.Map(options, RbacKitEndpointNames.OAuthToken, "RFC 6749 token endpoint: client_credentials (client_secret_basic or client_secret_post; scope narrows the client's permissions) or refresh_token.", g => g
            .MapPost("/token", OAuthHandlers.TokenAsync)
            .AddEndpointFilter(new RateLimitFilter(RateLimitPolicy.Refresh))
            .WithMetadata(new FormRequestBodyMetadata(FormRequestBodyMetadata.Token))
            .Produces<OAuthTokenResponse>()
            .Produces<OAuthErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<OAuthErrorResponse>(StatusCodes.Status401Unauthorized));

        group.Map(options, RbacKitEndpointNames.OAuthRevoke, "RFC 7009 revocation: a refresh token (its session ends) or, with client authentication, the client's access token.", g => g
            .MapPost("/revoke", OAuthHandlers.RevokeAsync)
            .WithMetadata(new FormRequestBodyMetadata(FormRequestBodyMetadata.Revoke))
            .Produces(StatusCodes.Status200OK)
            .Produces<OAuthErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<OAuthErrorResponse>(StatusCodes.Status401Unauthorized));

        group.Map(options, RbacKitEndpointNames.OAuthIntrospect, "RFC 7662 introspection, for clients holding tokens:introspect.", g => g
            .MapPost("/introspect", OAuthHandlers.IntrospectAsync)
            .WithMetadata(new FormRequestBodyMetadata(FormRequestBodyMetadata.Introspect))
            .Produces<IntrospectionResponse>()
            .Produces<OAuthErrorResponse>(StatusCodes.Status400BadRequest)
            .Produces<OAuthErrorResponse>(StatusCodes.Status401Unauthorized));
        return group;
    }
}
