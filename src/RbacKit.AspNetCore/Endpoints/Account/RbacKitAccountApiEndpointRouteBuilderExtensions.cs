using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RbacKit;
using RbacKit.Accounts;
using RbacKit.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps RbacKit's self-service account endpoints.</summary>
public static class RbacKitAccountApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the caller's profile, password, email, deactivation, permissions, sessions, login history and MFA under
    /// <paramref name="prefix"/>. Every endpoint needs a bearer token. Returns the group so the host can add conventions.
    /// </summary>
    public static RouteGroupBuilder MapRbacKitAccountApi(this IEndpointRouteBuilder endpoints, string prefix = "/me")
    {
        var options = EndpointMapping.GetOptions(endpoints);
        var group = endpoints.MapGroup(prefix).WithTags("Account").WithNoStore();

        group.Map(options, RbacKitEndpointNames.GetProfile, "The caller's profile.", g => g
            .MapGet("/", AccountHandlers.GetProfileAsync).RequireBearer()
            .Produces<UserProfile>());

        group.Map(options, RbacKitEndpointNames.UpdateProfile, "Changes the caller's names.", g => g
            .MapPatch("/", AccountHandlers.UpdateProfileAsync).RequireBearer()
            .AcceptsJson<ProfileUpdate>()
            .Produces<UserProfile>()
            .ProducesProblem(StatusCodes.Status409Conflict));

        group.Map(options, RbacKitEndpointNames.ChangePassword, "Changes the password; every other session ends.", g => g
            .MapPost("/password", AccountHandlers.ChangePasswordAsync).RequireBearer()
            .AddEndpointFilter(new RateLimitFilter(RateLimitPolicy.AccountProof))
            .AcceptsJson<ChangePasswordRequest>()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests));

        group.Map(options, RbacKitEndpointNames.ChangeEmail, "Requests an email change after checking the password: a confirmation link goes to the new address and a notice to the current one; every other session ends. The email changes when the link is confirmed (POST /auth/confirm-email).", g => g
            .MapPost("/email", AccountHandlers.ChangeEmailAsync).RequireBearer()
            .AddEndpointFilter(new RateLimitFilter(RateLimitPolicy.AccountProof))
            .AcceptsJson<ChangeEmailRequest>()
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests));

        group.Map(options, RbacKitEndpointNames.DeleteAccount, "Deactivates the account and ends every session.", g => g
            .MapDelete("/", AccountHandlers.DeleteAsync).RequireBearer()
            .AddEndpointFilter(new RateLimitFilter(RateLimitPolicy.AccountProof))
            .AcceptsJson<DeleteAccountRequest>()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests));

        group.Map(options, RbacKitEndpointNames.GetMyPermissions, "The caller's effective permissions.", g => g
            .MapGet("/permissions", AccountHandlers.GetPermissions).RequireBearer()
            .Produces<PermissionListResponse>());

        group.Map(options, RbacKitEndpointNames.ListSessions, "The caller's live sessions.", g => g
            .MapGet("/sessions", AccountHandlers.ListSessionsAsync).RequireBearer()
            .Produces<IReadOnlyList<SessionInfo>>());

        group.Map(options, RbacKitEndpointNames.EndSession, "Ends one of the caller's sessions.", g => g
            .MapDelete("/sessions/{id:guid}", AccountHandlers.EndSessionAsync).RequireBearer()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound));

        group.Map(options, RbacKitEndpointNames.LoginHistory, "The caller's login attempts within retention, newest first; keyset paged by cursor.", g => g
            .MapGet("/login-history", AccountHandlers.LoginHistoryAsync).RequireBearer()
            .WithMetadata(QueryParametersMetadata.Paged())
            .Produces<PagedResult<LoginHistoryItem>>()
            .ProducesValidationProblem());

        MapMfa(group, options);
        return group;
    }

    private static void MapMfa(RouteGroupBuilder group, RbacKitEndpointOptions options)
    {
        group.Map(options, RbacKitEndpointNames.MfaSetup, "Starts TOTP enrolment: the secret, its otpauth URI and a QR code. Needs currentPassword unless the login is less than 5 minutes old.", g => g
            .MapPost("/mfa/totp/setup", MfaHandlers.SetupAsync).RequireBearer()
            .AddEndpointFilter(new RateLimitFilter(RateLimitPolicy.Mfa))
            .AcceptsJson<MfaSetupRequest>(required: false)
            .Produces<MfaSetupResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests));

        group.Map(options, RbacKitEndpointNames.MfaConfirm, "Confirms TOTP with a current code; returns recovery codes. Needs currentPassword unless the login is less than 5 minutes old.", g => g
            .MapPost("/mfa/totp/confirm", MfaHandlers.ConfirmAsync).RequireBearer()
            .AddEndpointFilter(new RateLimitFilter(RateLimitPolicy.Mfa))
            .AcceptsJson<MfaConfirmRequest>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .Produces<RecoveryCodesResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests));

        group.Map(options, RbacKitEndpointNames.MfaDisable, "Turns TOTP off with the second factor: a current code or a recovery code.", g => g
            .MapDelete("/mfa/totp", MfaHandlers.DisableAsync).RequireBearer()
            .AddEndpointFilter(new RateLimitFilter(RateLimitPolicy.Mfa))
            .AcceptsJson<MfaDisableRequest>()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests));
    }
}
