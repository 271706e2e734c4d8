using System.Diagnostics;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RbacKit.Tokens;

namespace RbacKit.AspNetCore;

/// <summary>
/// The <c>RbacKit</c> scheme: validates <c>Authorization: Bearer</c> access tokens with Core's validator, checks session
/// and user state, sets <see cref="IRbacKitUserFeature"/> and answers challenges and forbids with problem details.
/// </summary>
internal sealed partial class RbacKitBearerHandler(
    IOptionsMonitor<RbacKitBearerOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IAccessTokenValidator validator,
    IAccessTokenAuthorizer authorizer,
    RbacKitMetrics metrics) : AuthenticationHandler<RbacKitBearerOptions>(options, loggerFactory, encoder)
{
    private TokenFailure _failure;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presence = BearerToken.Read(Request.Headers.Authorization, out var token);
        if (presence == BearerToken.Presence.Absent)
        {
            return AuthenticateResult.NoResult();
        }

        using var activity = RbacKitMetrics.ActivitySource.StartActivity("RbacKit.Authenticate");
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

        Context.Features.Set<IRbacKitUserFeature>(new RbacKitUserFeature(validated, authorization.Permissions, authorization.Roles));
        activity?.SetTag("enduser.id", validated.UserId);
        return AuthenticateResult.Success(new AuthenticationTicket(CreatePrincipal(validated, authorization.Roles), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        await HandleAuthenticateOnceSafeAsync().ConfigureAwait(false);
        if (Response.HasStarted)
        {
            return;
        }

        if (_failure == TokenFailure.None)
        {
            Response.Headers.WWWAuthenticate = "Bearer";
            await RbacProblems.Create(StatusCodes.Status401Unauthorized, RbacKitProblemCodes.Unauthenticated, "Authentication is required: send Authorization: Bearer <access token>.")
                .ExecuteAsync(Context).ConfigureAwait(false);
            return;
        }

        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        var problem = RbacProblems.Create(StatusCodes.Status401Unauthorized, RbacErrorCodes.InvalidToken, "The access token is invalid, expired or revoked.");
        problem.ProblemDetails.Extensions["reason"] = _failure.ToCode();
        await problem.ExecuteAsync(Context).ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (Response.HasStarted)
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
        activity?.SetStatus(ActivityStatusCode.Error, failure.ToCode());
        return AuthenticateResult.Fail(failure.ToCode());
    }

    private ClaimsPrincipal CreatePrincipal(ValidatedAccessToken token, IReadOnlyList<string> roles)
    {
        var claims = new List<Claim>(3 + roles.Count)
        {
            new("sub", token.UserId.ToString()),
            new(AccessTokenClaims.SessionId, token.SessionId.ToString()),
            new("jti", token.TokenId),
        };
        foreach (var role in roles)
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, "sub", ClaimTypes.Role));
    }
}
