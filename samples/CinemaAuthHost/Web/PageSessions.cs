using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using RbacKit.Caching;
using RbacKit.Permissions;
using RbacKit.Tokens;

namespace CinemaAuthHost.Web;

/// <summary>The signed-in page user of a request: the RbacKit session the page cookie is bound to, and its live state.</summary>
/// <param name="UserId">The user.</param>
/// <param name="SessionId">The RbacKit session (the same kind of session a bearer token carries as <c>sid</c>).</param>
/// <param name="Authorization">The user's current roles and permissions, from the cached state provider.</param>
/// <param name="Catalog">The permission catalog, to name the permissions.</param>
internal sealed record PageSession(Guid UserId, Guid SessionId, UserAuthorization Authorization, PermissionCatalog Catalog)
{
    public IReadOnlyList<string> Roles => Authorization.Roles;

    /// <summary>The names of the user's effective permissions, sorted.</summary>
    public IReadOnlyList<string> Permissions => [.. Authorization.Permissions.Ids.Select(Catalog.GetName).Order(StringComparer.Ordinal)];

    public bool HasPermission(string permission) => Catalog.TryGetId(permission, out var id) && Authorization.Permissions.Contains(id);
}

/// <summary>
/// Checks the page cookie on every request the way the bearer scheme checks a token: the session must be live (not
/// revoked, not past its absolute end) and the user active, read through Core's <see cref="IAuthorizationStateProvider"/>
/// (the same cache and change feed). Logging out on the API, an administrator ending the session, deactivation, a
/// password reset or a refresh-token reuse all end the page session at the next request. The principal becomes an
/// <see cref="RbacKitIdentity"/> with the live permissions, so RbacKit's permission policies work on pages.
/// </summary>
internal static class PageSessions
{
    public const string SessionClaim = AccessTokenClaims.SessionId;

    public static ClaimsPrincipal Principal(Guid userId, Guid sessionId) =>
        new(new ClaimsIdentity([new Claim("sub", userId.ToString()), new Claim(SessionClaim, sessionId.ToString())], WebPages.Scheme, "sub", ClaimTypes.Role));

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var http = context.HttpContext;
        if (!Guid.TryParse(context.Principal?.FindFirstValue("sub"), out var userId)
            || !Guid.TryParse(context.Principal?.FindFirstValue(SessionClaim), out var sessionId))
        {
            await RejectAsync(context);
            return;
        }

        var state = http.RequestServices.GetRequiredService<IAuthorizationStateProvider>();
        if (!await state.IsSessionActiveAsync(sessionId, userId, http.RequestAborted)
            || await state.GetUserAsync(userId, 0, http.RequestAborted) is not { IsActive: true } user)
        {
            await RejectAsync(context);
            return;
        }

        var catalog = http.RequestServices.GetRequiredService<PermissionCatalog>();
        var claims = new List<Claim> { new("sub", userId.ToString()), new(SessionClaim, sessionId.ToString()) };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        context.ReplacePrincipal(new ClaimsPrincipal(new RbacKitIdentity(claims, WebPages.Scheme, user.Permissions, catalog)));
        http.Features.Set(new PageSession(userId, sessionId, user, catalog));
    }

    /// <summary>The page user of this request, or null when the request has no live page session.</summary>
    public static PageSession? GetPageSession(this HttpContext context) => context.Features.Get<PageSession>();

    /// <summary>The page user; throws on a page reached without the <see cref="WebPages.SignedIn"/> policy.</summary>
    public static PageSession RequirePageSession(this HttpContext context) =>
        context.Features.Get<PageSession>() ?? throw new InvalidOperationException("This page needs the WebPages.SignedIn policy.");

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(WebPages.Scheme);
    }
}
