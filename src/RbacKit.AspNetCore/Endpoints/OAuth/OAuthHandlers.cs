using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RbacKit.Accounts;
using RbacKit.Clients;
using RbacKit.Domain;
using RbacKit.Permissions;
using RbacKit.Sessions;
using RbacKit.TokenValidation;

namespace RbacKit.AspNetCore;

/// <summary>The RFC 6749 token, RFC 7009 revocation and RFC 7662 introspection endpoints.</summary>
internal static class OAuthHandlers
{
    public static async Task<IResult> TokenAsync(
        HttpContext context, [FromServices] IClientService clients, [FromServices] IAuthService auth,
        [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken)
    {
        var (request, error) = await OAuthRequest.ReadAsync(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        if (request is null)
        {
            return error!;
        }

        switch (request["grant_type"])
        {
            case null or "":
                return OAuthResults.Error(context, RbacErrorCodes.InvalidRequest, "grant_type is required.");
            case "client_credentials":
                var client = await AuthenticateAsync(request, clients, cancellationToken).ConfigureAwait(false);
                if (client is null)
                {
                    return OAuthResults.InvalidClient(context, "Client authentication failed.");
                }

                var issued = await clients.IssueTokenAsync(client, request["scope"], cancellationToken).ConfigureAwait(false);
                return issued.Succeeded
                    ? OAuthResults.Json(context, new OAuthTokenResponse { AccessToken = issued.Value.AccessToken, ExpiresIn = issued.Value.ExpiresIn, Scope = issued.Value.Scope })
                    : OAuthResults.Error(context, issued.Error.Code, issued.Error.Message);
            case "refresh_token":
                // User refresh tokens belong to the first-party (public) client: a service client cannot spend one.
                if (request.HasCredentials)
                {
                    return await AuthenticateAsync(request, clients, cancellationToken).ConfigureAwait(false) is null
                        ? OAuthResults.InvalidClient(context, "Client authentication failed.")
                        : OAuthResults.Error(context, RbacErrorCodes.InvalidGrant, "The refresh token was not issued to this client.");
                }

                var refreshed = await auth.RefreshAsync(request["refresh_token"], cancellationToken).ConfigureAwait(false);
                return refreshed.Succeeded
                    ? OAuthResults.Json(context, new OAuthTokenResponse { AccessToken = refreshed.Value.AccessToken, ExpiresIn = refreshed.Value.ExpiresIn, RefreshToken = refreshed.Value.RefreshToken })
                    : OAuthResults.Error(context, RbacErrorCodes.InvalidGrant, refreshed.Error.Message);
            default:
                return OAuthResults.Error(context, RbacErrorCodes.UnsupportedGrantType, "Supported grant types: client_credentials, refresh_token.");
        }
    }

    public static async Task<IResult> RevokeAsync(
        HttpContext context, [FromServices] IClientService clients, [FromServices] ISessionService sessions,
        [FromServices] IAccessTokenValidator validator, [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken)
    {
        var (request, error) = await OAuthRequest.ReadAsync(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        if (request is null)
        {
            return error!;
        }

        if (request["token"] is not { Length: > 0 } token)
        {
            return OAuthResults.Error(context, RbacErrorCodes.InvalidRequest, "token is required.");
        }

        OAuthClient? client = null;
        if (request.HasCredentials && (client = await AuthenticateAsync(request, clients, cancellationToken).ConfigureAwait(false)) is null)
        {
            return OAuthResults.InvalidClient(context, "Client authentication failed.");
        }

        // A refresh token: whoever holds it may end its session.
        if (await sessions.RevokeByRefreshTokenAsync(token, cancellationToken).ConfigureAwait(false))
        {
            return OAuthResults.Json(context, new { });
        }

        var looksLikeJwt = token.Count(c => c == '.') == 2;
        if (client is null)
        {
            return looksLikeJwt
                ? OAuthResults.InvalidClient(context, "Revoking an access token needs client authentication.")
                : OAuthResults.Json(context, new { });
        }

        // An access token of the calling client: its tokens are revoked (RFC 7009, section 2.1 allows related tokens too).
        if (looksLikeJwt && await validator.ValidateAsync(token, cancellationToken).ConfigureAwait(false) is { IsValid: true, Token: { IsClient: true } validated }
            && string.Equals(validated.ClientId, client.ClientId, StringComparison.Ordinal))
        {
            _ = await clients.RevokeTokensAsync(client.ClientId, cancellationToken).ConfigureAwait(false);
        }

        // Invalid, unknown or someone else's tokens: nothing to do, and no error (RFC 7009, section 2.2).
        return OAuthResults.Json(context, new { });
    }

    public static async Task<IResult> IntrospectAsync(
        HttpContext context, [FromServices] IClientService clients, [FromServices] IAccessTokenValidator validator,
        [FromServices] IAccessTokenAuthorizer authorizer, [FromServices] PermissionCatalog catalog,
        [FromServices] IOptions<RbacKitOptions> rbac, [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken)
    {
        var (request, error) = await OAuthRequest.ReadAsync(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        if (request is null)
        {
            return error!;
        }

        var client = request.HasCredentials ? await AuthenticateAsync(request, clients, cancellationToken).ConfigureAwait(false) : null;
        if (client is null)
        {
            return OAuthResults.InvalidClient(context, "Client authentication failed.");
        }

        // RFC 7662, section 4: only clients trusted with it may introspect (no token scanning).
        if (!catalog.Expand(client.Permissions).Contains(catalog.GetId(RbacPermissions.TokensIntrospect)))
        {
            return OAuthResults.InvalidClient(context, $"The client does not hold {RbacPermissions.TokensIntrospect}.");
        }

        if (request["token"] is not { Length: > 0 } token)
        {
            return OAuthResults.Error(context, RbacErrorCodes.InvalidRequest, "token is required.");
        }

        var validation = await validator.ValidateAsync(token, cancellationToken).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return OAuthResults.Json(context, new IntrospectionResponse { Active = false });
        }

        var validated = validation.Token;
        var authorization = await authorizer.AuthorizeAsync(validated, cancellationToken).ConfigureAwait(false);
        if (authorization.Failure != TokenFailure.None || authorization.Permissions is null)
        {
            return OAuthResults.Json(context, new IntrospectionResponse { Active = false });
        }

        var settings = rbac.Value;
        return OAuthResults.Json(context, new IntrospectionResponse
        {
            Active = true,
            Subject = validated.IsClient ? validated.ClientId : validated.UserId.ToString(),
            ClientId = validated.ClientId ?? settings.Tokens.FirstPartyClientId,
            ExpiresAt = validated.ExpiresAt.ToUnixTimeSeconds(),
            IssuedAt = validated.IssuedAt.ToUnixTimeSeconds(),
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            TokenId = validated.TokenId,
            TokenType = "Bearer",
            Scope = string.Join(' ', catalog.GetNames(authorization.Permissions)),
        });
    }

    private static Task<OAuthClient?> AuthenticateAsync(OAuthRequest request, IClientService clients, CancellationToken cancellationToken) =>
        request.HasCredentials
            ? clients.AuthenticateAsync(request.ClientId!, request.ClientSecret ?? "", cancellationToken)
            : Task.FromResult<OAuthClient?>(null);
}
