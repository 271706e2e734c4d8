using System.Diagnostics;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RbacKit.Permissions;
using RbacKit.TokenValidation;

namespace RbacKit.AspNetCore;

/// <summary>
/// The <c>RbacKit</c> scheme: validates <c>Authorization: Bearer</c> access tokens with Core's validator, checks session
/// and user state, authenticates an <see cref="RbacKitIdentity"/> carrying the caller's permissions (and sets
/// <see cref="IRbacKitUserFeature"/>), raises <see cref="RbacKitBearerEvents"/> and answers challenges and forbids with
/// problem details.
/// </summary>
internal sealed partial class RbacKitBearerHandler(
    IOptionsMonitor<RbacKitBearerOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IAccessTokenValidator validator,
    IAccessTokenAuthorizer authorizer,
    PermissionCatalog catalog,
    RbacKitWebMetrics metrics) : AuthenticationHandler<RbacKitBearerOptions>(options, loggerFactory, encoder)
{
    private TokenFailure _failure;
    private bool _refusedByEvent;

    private new RbacKitBearerEvents Events
    {
        get => (RbacKitBearerEvents)base.Events!;
        set => base.Events = value;
    }

    protected override Task<object> CreateEventsAsync() => Task.FromResult<object>(new RbacKitBearerEvents());

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var events = Events;
        var hooks = !events.HasNoRequestHooks;
        BearerToken.Presence presence;
        ReadOnlyMemory<char> token;
        if (hooks)
        {
            var received = new RbacKitMessageReceivedContext(Context, Scheme, Options);
            await events.MessageReceived(received).ConfigureAwait(false);
            if (received.Result is { } result)
            {
                _refusedByEvent = result.Failure is not null;
                return result;
            }

            if (received.Token is { } supplied)
            {
                token = supplied.AsMemory();
                presence = supplied.Length == 0 ? BearerToken.Presence.Malformed : BearerToken.Presence.Present;
            }
            else
            {
                presence = BearerToken.Read(Request.Headers.Authorization, out token);
            }
        }
        else
        {
            presence = BearerToken.Read(Request.Headers.Authorization, out token);
        }

        if (presence == BearerToken.Presence.Absent)
        {
            return AuthenticateResult.NoResult();
        }

        using var activity = RbacKitWebMetrics.ActivitySource.StartActivity("RbacKit.Authenticate");
        if (presence == BearerToken.Presence.Malformed)
        {
            return Refuse(TokenFailure.Malformed, activity);
        }

        var validation = await validator.ValidateAsync(token, Context.RequestAborted).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            return Refuse(validation.Failure, activity);
        }

        var validated = validation.Token;
        var authorization = await authorizer.AuthorizeAsync(validated, Context.RequestAborted).ConfigureAwait(false);
        if (authorization.Failure != TokenFailure.None || authorization.Permissions is null)
        {
            return Refuse(authorization.Failure == TokenFailure.None ? TokenFailure.Revoked : authorization.Failure, activity);
        }

        var principal = CreatePrincipal(validated, authorization.Permissions, authorization.Roles);
        var feature = new RbacKitUserFeature(validated, authorization.Permissions, authorization.Roles);
        activity?.SetTag("enduser.id", validated.UserId);
        if (hooks)
        {
            var validatedContext = new RbacKitTokenValidatedContext(Context, Scheme, Options, validated) { Principal = principal };
            await events.TokenValidated(validatedContext).ConfigureAwait(false);
            if (validatedContext.Result is { } result)
            {
                _refusedByEvent = result.Failure is not null;
                if (result.Succeeded)
                {
                    Context.Features.Set<IRbacKitUserFeature>(feature);
                }

                return result;
            }

            if (validatedContext.Principal is null)
            {
                return Refuse(TokenFailure.Revoked, activity);
            }

            principal = validatedContext.Principal;
        }

        Context.Features.Set<IRbacKitUserFeature>(feature);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        if (Response.HasStarted)
        {
            return;
        }

        var reason = _refusedByEvent ? "refused" : _failure == TokenFailure.None ? null : RbacErrorCodes.Of(_failure);
        var challenge = new RbacKitChallengeContext(Context, Scheme, Options, properties, reason);
        await Events.Challenge(challenge).ConfigureAwait(false);
        if (challenge.Handled || Response.HasStarted)
        {
            return;
        }

        if (reason is null)
        {
            Response.Headers.WWWAuthenticate = "Bearer";
            await RbacProblems.Create(StatusCodes.Status401Unauthorized, RbacErrorCodes.Unauthenticated, "Authentication is required: send Authorization: Bearer <access token>.")
                .ExecuteAsync(Context).ConfigureAwait(false);
            return;
        }

        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        var problem = RbacProblems.Create(StatusCodes.Status401Unauthorized, RbacErrorCodes.InvalidToken, "The access token is invalid, expired or revoked.");
        problem.ProblemDetails.Extensions["reason"] = reason;
        await problem.ExecuteAsync(Context).ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (Response.HasStarted)
        {
            return;
        }

        var forbidden = new RbacKitForbiddenContext(Context, Scheme, Options);
        await Events.Forbidden(forbidden).ConfigureAwait(false);
        if (forbidden.Result is not null || Response.HasStarted)
        {
            return;
        }

        await RbacProblems.Create(StatusCodes.Status403Forbidden, RbacErrorCodes.Forbidden, "You do not have permission to do this.")
            .ExecuteAsync(Context).ConfigureAwait(false);
    }

    private AuthenticateResult Refuse(TokenFailure failure, Activity? activity)
    {
        _failure = failure;
        metrics.TokenRejected(failure);
        AspNetCoreLog.TokenRejected(Logger, failure);
        activity?.SetStatus(ActivityStatusCode.Error, RbacErrorCodes.Of(failure));
        return AuthenticateResult.Fail(RbacErrorCodes.Of(failure));
    }

    private ClaimsPrincipal CreatePrincipal(ValidatedAccessToken token, PermissionSet permissions, IReadOnlyList<string> roles) =>
        new(new RbacKitIdentity(token, roles, Scheme.Name, permissions, catalog));
}
