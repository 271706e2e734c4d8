using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RbacKit.Accounts;
using RbacKit.Accounts.Recovery;
using RbacKit.Permissions;
using RbacKit.Sessions;

namespace RbacKit.AspNetCore;

/// <summary>The handlers of the account group. The caller is always the token's user: no id comes from the request.</summary>
internal static class AccountHandlers
{
    public static async Task<IResult> GetProfileAsync(HttpContext context, [FromServices] IAccountService accounts, CancellationToken cancellationToken) =>
        RbacResults.From(await accounts.GetProfileAsync(context.RequireRbacKitUser().UserId, cancellationToken).ConfigureAwait(false));

    public static async Task<IResult> UpdateProfileAsync(
        HttpContext context, [FromServices] IAccountService accounts, [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ProfileUpdate>(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        return body.Problem
            ?? RbacResults.From(await accounts.UpdateProfileAsync(context.RequireRbacKitUser().UserId, body.Value!, cancellationToken).ConfigureAwait(false));
    }

    public static async Task<IResult> ChangePasswordAsync(
        HttpContext context, [FromServices] IAccountService accounts, [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ChangePasswordRequest>(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var user = context.RequireRbacKitUser();
        return RbacResults.From(await accounts.ChangePasswordAsync(user.UserId, user.SessionId, body.Value!.CurrentPassword, body.Value.NewPassword, cancellationToken).ConfigureAwait(false));
    }

    public static async Task<IResult> ChangeEmailAsync(
        HttpContext context, [FromServices] IAccountRecoveryService recovery, [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ChangeEmailRequest>(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var user = context.RequireRbacKitUser();
        var result = await recovery.RequestEmailChangeAsync(user.UserId, user.SessionId, body.Value!.CurrentPassword, body.Value.NewEmail, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? TypedResults.StatusCode(StatusCodes.Status202Accepted) : RbacProblems.FromError(result.Error);
    }

    public static async Task<IResult> DeleteAsync(
        HttpContext context, [FromServices] IAccountService accounts, [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<DeleteAccountRequest>(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        return body.Problem
            ?? RbacResults.From(await accounts.DeactivateAsync(context.RequireRbacKitUser().UserId, body.Value!.Password, cancellationToken).ConfigureAwait(false));
    }

    public static IResult GetPermissions(HttpContext context, [FromServices] PermissionCatalog catalog) =>
        RbacResults.Json(new PermissionListResponse(catalog.GetNames(context.RequireRbacKitUser().Permissions)));

    public static async Task<IResult> ListSessionsAsync(HttpContext context, [FromServices] IAccountService accounts, CancellationToken cancellationToken)
    {
        var user = context.RequireRbacKitUser();
        return RbacResults.Json(await accounts.ListSessionsAsync(user.UserId, user.SessionId, cancellationToken).ConfigureAwait(false));
    }

    public static async Task<IResult> EndSessionAsync(Guid id, HttpContext context, [FromServices] ISessionService sessions, CancellationToken cancellationToken) =>
        RbacResults.From(await sessions.RevokeAsync(context.RequireRbacKitUser().UserId, id, "ended_by_user", cancellationToken).ConfigureAwait(false));

    public static async Task<IResult> LoginHistoryAsync(HttpContext context, [FromServices] IAccountService accounts, CancellationToken cancellationToken)
    {
        if (QueryPaging.Read(context.Request.Query) is not { } paging)
        {
            return RbacProblems.FromError(RbacError.Validation("page", "page and pageSize must be whole numbers."));
        }

        return RbacResults.From(await accounts.GetLoginHistoryAsync(context.RequireRbacKitUser().UserId, paging.Page, paging.PageSize, paging.Cursor, cancellationToken).ConfigureAwait(false));
    }
}
