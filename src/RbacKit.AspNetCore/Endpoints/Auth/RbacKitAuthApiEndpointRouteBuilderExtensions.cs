using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RbacKit.Accounts;
using RbacKit.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps RbacKit's sign-up and sign-in endpoints.</summary>
public static class RbacKitAuthApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>register</c>, <c>login</c>, <c>refresh</c>, <c>confirm-email</c>, <c>resend-confirmation</c>,
    /// <c>forgot-password</c>, <c>reset-password</c>, <c>logout</c> and <c>logout-others</c> under <paramref name="prefix"/>.
    /// All but the logouts allow anonymous callers even under a fallback policy; the logouts need a bearer token. Returns the group so the host can add conventions.
    /// </summary>
    public static RouteGroupBuilder MapRbacKitAuthApi(this IEndpointRouteBuilder endpoints, string prefix = "/auth")
    {
        var options = EndpointMapping.GetOptions(endpoints);
        var group = endpoints.MapGroup(prefix).WithTags("Auth").WithNoStore();
        RbacKitEndpointRegistry.Get(endpoints).AuthPrefix = prefix;

        group.Map(options, RbacKitEndpointNames.Register, "Registers an account with the default role and mails a confirmation link. With RbacKit:Accounts:ConcealRegisteredEmails every accepted registration answers 202 without a body, and the owner of a taken address is mailed instead of a 409.", g => g
            .MapPost("/register", AuthHandlers.RegisterAsync)
            .AllowAnonymous()
            .AddEndpointFilter(new RateLimitFilter(RateLimitPolicy.Register))
            .AcceptsJson<RegisterRequest>()
            .Produces<UserProfile>(StatusCodes.Status201Created)
            .Produces(StatusCodes.Status202Accepted)
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

        MapRecovery(group, options);

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

    private static void MapRecovery(RouteGroupBuilder group, RbacKitEndpointOptions options)
    {
        group.Map(options, RbacKitEndpointNames.ConfirmEmail, "Redeems a confirmation link: the address is confirmed, or the pending new address becomes the email.", g => g
            .MapPost("/confirm-email", RecoveryHandlers.ConfirmEmailAsync)
            .AllowAnonymous()
            .AddEndpointFilter(new RateLimitFilter(RateLimitPolicy.Recovery))
            .AcceptsJson<ConfirmEmailRequest>()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests));

        group.Map(options, RbacKitEndpointNames.ResendConfirmation, "Mails a new confirmation link when an active account with an unconfirmed address has this email; 202 for any well-formed address, answered before the lookup.", g => g
            .MapPost("/resend-confirmation", RecoveryHandlers.ResendConfirmationAsync)
            .AllowAnonymous()
            .AddEndpointFilter(new RateLimitFilter(RateLimitPolicy.Recovery))
            .AcceptsJson<AccountEmailRequest>()
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable));

        group.Map(options, RbacKitEndpointNames.ForgotPassword, "Mails a password reset link when an active account has this email; 202 for any well-formed address, answered before the lookup.", g => g
            .MapPost("/forgot-password", RecoveryHandlers.ForgotPasswordAsync)
            .AllowAnonymous()
            .AddEndpointFilter(new RateLimitFilter(RateLimitPolicy.Recovery))
            .AcceptsJson<AccountEmailRequest>()
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable));

        group.Map(options, RbacKitEndpointNames.ResetPassword, "Redeems a reset link: sets the password, clears the lockout and ends every session of the user.", g => g
            .MapPost("/reset-password", RecoveryHandlers.ResetPasswordAsync)
            .AllowAnonymous()
            .AddEndpointFilter(new RateLimitFilter(RateLimitPolicy.Recovery))
            .AcceptsJson<ResetPasswordRequest>()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status429TooManyRequests));
    }
}
