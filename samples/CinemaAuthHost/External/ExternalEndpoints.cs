using CinemaAuthHost.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RbacKit.Accounts;
using RbacKit.AspNetCore;
using RbacKit.Sessions;
using RbacKit.Stores;

namespace CinemaAuthHost.External;

/// <summary>The external sign-in routes: start, exchange of the one-time code, and the account's linked logins.</summary>
internal static class ExternalEndpoints
{
    public static void MapCinemaExternal(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth/external").WithTags("External sign-in");
        auth.MapGet("", (ExternalSettings settings) =>
                TypedResults.Ok(settings.Providers.Select(p => new ExternalProviderInfo(p.Key, p.Value.DisplayName ?? p.Key)).ToList()))
            .WithName("ListExternalProviders").WithSummary("The configured external sign-in providers.");
        auth.MapGet("/{provider}", Start)
            .WithName("StartExternalSignIn").WithSummary("Redirects to the provider (authorization code, PKCE S256, state, nonce).")
            .Produces(StatusCodes.Status302Found).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        // Documentation only: the provider's handler answers its callback before routing; an unknown provider lands here.
        auth.MapGet("/{provider}/callback", () => ExternalProblems.Create("not_found", StatusCodes.Status404NotFound, "No external sign-in provider has this name."))
            .WithName("ExternalSignInCallback")
            .WithSummary("The provider's redirect: 302 to the return URL with #code=ONE-TIME-CODE, or #error=CODE.")
            .Produces(StatusCodes.Status302Found).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        auth.MapPost("/exchange", ExchangeAsync)
            .WithName("ExchangeExternalCode").WithSummary("Turns the one-time code of the callback into a token pair.")
            .Produces<TokenPair>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);

        var me = app.MapGroup("/me/external-logins").WithTags("External sign-in").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        me.MapGet("", ListAsync).WithName("ListExternalLogins").WithSummary("The caller's linked external logins.")
            .Produces<List<ExternalLoginInfo>>();
        me.MapGet("/{provider}/link", LinkAsync)
            .WithName("LinkExternalLogin").WithSummary("Redirects to the provider; the callback links that identity to the caller.")
            .Produces(StatusCodes.Status302Found).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        me.MapDelete("/{provider}", UnlinkAsync)
            .WithName("UnlinkExternalLogin").WithSummary("Removes a linked external login.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static IResult Start(string provider, [FromQuery] string? returnUrl, ExternalSettings settings) =>
        Challenge(provider, returnUrl, settings, linkUserId: null);

    private static async Task<IResult> LinkAsync(
        string provider, [FromQuery] string? returnUrl, HttpContext context, ExternalSettings settings, CinemaDbContext db, CancellationToken cancellationToken)
    {
        var userId = context.GetRbacKitUser()!.UserId;
        if (settings.Providers.ContainsKey(provider)
            && await db.ExternalLogins.AnyAsync(l => l.UserId == userId && l.Provider == provider, cancellationToken))
        {
            return ExternalProblems.Create(ExternalErrors.ExternalLoginTaken, StatusCodes.Status409Conflict,
                "A login of this provider is already linked to the account: unlink it first.");
        }

        return Challenge(provider, returnUrl, settings, userId);
    }

    private static IResult Challenge(string provider, string? returnUrl, ExternalSettings settings, Guid? linkUserId)
    {
        if (!settings.Providers.ContainsKey(provider))
        {
            return ExternalProblems.Create("not_found", StatusCodes.Status404NotFound, "No external sign-in provider has this name.");
        }

        if (!settings.IsAllowedReturnUrl(returnUrl))
        {
            return ExternalProblems.Create(ExternalErrors.InvalidReturnUrl, StatusCodes.Status400BadRequest,
                "The returnUrl is not one of RbacKit:External:AllowedReturnUrls.");
        }

        var properties = new AuthenticationProperties { RedirectUri = returnUrl };
        properties.Items[ExternalCallback.ProviderItem] = provider;
        properties.Items[ExternalCallback.ReturnUrlItem] = returnUrl;
        if (linkUserId is { } user)
        {
            properties.Items[ExternalCallback.LinkUserItem] = user.ToString();
        }

        return TypedResults.Challenge(properties, [ExternalAuthentication.Scheme(provider)]);
    }

    private static async Task<IResult> ExchangeAsync(
        ExternalExchangeRequest? body, HttpContext context, ExternalAccounts external, IUserStore users, IAuthService auth, CancellationToken cancellationToken)
    {
        var code = await external.FindCodeAsync(body?.Code, cancellationToken);
        if (code is null)
        {
            return InvalidCode();
        }

        var client = new ClientInfo(context.Connection.RemoteIpAddress?.ToString(), context.Request.Headers.UserAgent.ToString());
        var secondFactor = !string.IsNullOrEmpty(body!.TwoFactorCode) || !string.IsNullOrEmpty(body.RecoveryCode);
        if (!secondFactor && await users.FindByIdAsync(code.UserId, cancellationToken) is { MfaEnabled: true })
        {
            // The code stays valid (for its 60 seconds) so that the client can come back with the second factor.
            var refused = await auth.SignInExternalAsync(code.UserId, code.Provider, null, null, client, cancellationToken);
            return refused.Succeeded ? InvalidCode() : ExternalProblems.From(refused.Error);
        }

        if (!await external.SpendCodeAsync(code, cancellationToken))
        {
            return InvalidCode();
        }

        var result = await auth.SignInExternalAsync(code.UserId, code.Provider, body.TwoFactorCode, body.RecoveryCode, client, cancellationToken);
        if (!result.Succeeded)
        {
            return ExternalProblems.From(result.Error);
        }

        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(result.Value);
    }

    private static async Task<IResult> ListAsync(HttpContext context, ExternalAccounts external, CancellationToken cancellationToken) =>
        TypedResults.Ok(await external.ListAsync(context.GetRbacKitUser()!.UserId, cancellationToken));

    private static async Task<IResult> UnlinkAsync(string provider, HttpContext context, ExternalAccounts external, CancellationToken cancellationToken) =>
        await external.UnlinkAsync(context.GetRbacKitUser()!.UserId, provider, cancellationToken) switch
        {
            null => (IResult)TypedResults.NoContent(),
            ExternalErrors.LastSignInMethod => ExternalProblems.Create(ExternalErrors.LastSignInMethod, StatusCodes.Status409Conflict,
                "This is the account's only way to sign in: set a password or link another login first."),
            _ => ExternalProblems.Create("not_found", StatusCodes.Status404NotFound, "No login of this provider is linked to the account."),
        };

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult InvalidCode() =>
        ExternalProblems.Create(ExternalErrors.InvalidCode, StatusCodes.Status400BadRequest, "The code is unknown, used or older than 60 seconds.");
}

/// <summary>A configured provider.</summary>
internal sealed record ExternalProviderInfo(string Name, string DisplayName);

/// <summary>A linked external login.</summary>
internal sealed record ExternalLoginInfo(string Provider, string Subject, string? Email, DateTimeOffset LinkedAt);

/// <summary>The body of <c>POST /auth/external/exchange</c>.</summary>
internal sealed record ExternalExchangeRequest(string? Code, string? TwoFactorCode, string? RecoveryCode);
