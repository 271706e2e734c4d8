using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RbacKit.Accounts;
using RbacKit.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps RbacKit's sign-up and sign-in endpoints.</summary>
public static class RbacKitAuthApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>register</c>, <c>login</c>, <c>refresh</c>, <c>logout</c> and <c>logout-others</c> under
    /// <paramref name="prefix"/>. Register, login and refresh allow anonymous callers even under a fallback policy; the
    /// logouts need a bearer token. Returns the group so the host can add conventions.
    /// </summary>
    public static RouteGroupBuilder MapRbacKitAuthApi(this IEndpointRouteBuilder endpoints, string prefix = "/auth")
    {
        var options = EndpointMapping.GetOptions(endpoints);
        var group = endpoints.MapGroup(prefix).WithTags("Auth").WithNoStore();
        RbacKitEndpointRegistry.Get(endpoints).AuthPrefix = prefix;

        group.Map(options, RbacKitEndpointNames.Register, "Registers an account with the default role.", g => g
            .MapPost("/register", AuthHandlers.RegisterAsync)
            .AllowAnonymous()
            .AddEndpointFilter(new RateLimitFilter(RateLimitPolicy.Register))
            .AcceptsJson<RegisterRequest>()
            .Produces<UserProfile>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests));

        group.Map(options, RbacKitEndpointNames.Login, "Signs in with email, password and, when enabled, a second factor.", g => g
            .MapPost("/login", AuthHandlers.LoginAsync)
            .AllowAnonymous()
            .AddEndpointFilter(new RateLimitFilter(RateLimitPolicy.Login))
            .AcceptsJson<LoginRequest>()
            .Produces<TokenPair>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests));

        group.Map(options, RbacKitEndpointNames.Refresh, "Spends a refresh token for a new token pair.", g => g
            .MapPost("/refresh", AuthHandlers.RefreshAsync)
            .AllowAnonymous()
            .AddEndpointFilter(new RateLimitFilter(RateLimitPolicy.Refresh))
            .AcceptsJson<RefreshRequest>()
            .Produces<TokenPair>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests));

        group.Map(options, RbacKitEndpointNames.Logout, "Ends the caller's session.", g => g
            .MapPost("/logout", AuthHandlers.LogoutAsync)
            .RequireBearer()
            .Produces(StatusCodes.Status204NoContent));

        group.Map(options, RbacKitEndpointNames.LogoutOthers, "Ends every other session of the caller.", g => g
            .MapPost("/logout-others", AuthHandlers.LogoutOthersAsync)
            .RequireBearer()
            .Produces(StatusCodes.Status204NoContent));

        return group;
    }
}
