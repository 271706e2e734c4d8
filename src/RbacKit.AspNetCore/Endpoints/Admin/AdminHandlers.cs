using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RbacKit.Administration;
using RbacKit.Permissions;

namespace RbacKit.AspNetCore;

/// <summary>The handlers of the administration group. The acting user is always the token's user.</summary>
internal static class AdminHandlers
{
    public static IResult ListPermissions([FromServices] PermissionCatalog catalog) =>
        RbacResults.Json(catalog.Definitions.Select(d => new PermissionInfo(d.Name, d.Description)).ToList());

    public static async Task<IResult> ListRolesAsync([FromServices] IRoleService roles, CancellationToken cancellationToken) =>
        RbacResults.Json(await roles.ListAsync(cancellationToken).ConfigureAwait(false));

    public static async Task<IResult> GetRoleAsync(Guid id, [FromServices] IRoleService roles, CancellationToken cancellationToken) =>
        RbacResults.From(await roles.GetAsync(id, cancellationToken).ConfigureAwait(false));

    public static async Task<IResult> CreateRoleAsync(
        HttpContext context, [FromServices] IRoleService roles,
        [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<RoleInput>(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var actor = context.RequireRbacKitUser();
        var result = await roles.CreateAsync(actor.UserId, body.Value!, cancellationToken).ConfigureAwait(false);
        return RbacResults.From(result, StatusCodes.Status201Created);
    }

    public static async Task<IResult> UpdateRoleAsync(
        Guid id, HttpContext context, [FromServices] IRoleService roles,
        [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<RoleInput>(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var actor = context.RequireRbacKitUser();
        var result = await roles.UpdateAsync(actor.UserId, id, body.Value!, cancellationToken).ConfigureAwait(false);
        return RbacResults.From(result);
    }

    public static async Task<IResult> DeleteRoleAsync(
        Guid id, HttpContext context, [FromServices] IRoleService roles, CancellationToken cancellationToken)
    {
        var actor = context.RequireRbacKitUser().UserId;
        var result = await roles.DeleteAsync(actor, id, cancellationToken).ConfigureAwait(false);
        return RbacResults.From(result);
    }

    public static async Task<IResult> ListUsersAsync(HttpContext context, [FromServices] IUserAdministrationService users, CancellationToken cancellationToken)
    {
        if (QueryPaging.Read(context.Request.Query) is not { } paging)
        {
            return RbacProblems.FromError(RbacError.Validation("page", "page and pageSize must be whole numbers."));
        }

        var search = context.Request.Query["search"].ToString();
        return RbacResults.From(await users.SearchAsync(search, paging.Page, paging.PageSize, paging.Cursor, cancellationToken).ConfigureAwait(false));
    }

    public static async Task<IResult> ListAuditEventsAsync(HttpContext context, [FromServices] IAuditLogService audit, CancellationToken cancellationToken)
    {
        if (QueryPaging.Read(context.Request.Query) is not { } paging)
        {
            return RbacProblems.FromError(RbacError.Validation("page", "page and pageSize must be whole numbers."));
        }

        Guid? actor = null;
        var actorText = context.Request.Query["actor"].ToString();
        if (actorText.Length > 0)
        {
            if (!Guid.TryParse(actorText, out var id))
            {
                return RbacProblems.FromError(RbacError.Validation("actor", "actor must be a user id (a UUID)."));
            }

            actor = id;
        }

        var target = context.Request.Query["target"].ToString();
        var page = await audit.GetPageAsync(actor, target.Length == 0 ? null : target, paging.Page, paging.PageSize, paging.Cursor, cancellationToken).ConfigureAwait(false);
        return RbacResults.From(page);
    }

    public static async Task<IResult> GetUserAsync(Guid id, [FromServices] IUserAdministrationService users, CancellationToken cancellationToken) =>
        RbacResults.From(await users.GetAsync(id, cancellationToken).ConfigureAwait(false));

    public static async Task<IResult> GrantRoleAsync(
        Guid id, HttpContext context, [FromServices] IUserAdministrationService users,
        [FromServices] IOptions<RbacKitEndpointOptions> options, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<GrantRoleRequest>(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var actor = context.RequireRbacKitUser().UserId;
        var result = await users.GrantRoleAsync(actor, id, body.Value!.Role, cancellationToken).ConfigureAwait(false);
        return RbacResults.From(result);
    }

    public static async Task<IResult> RevokeRoleAsync(
        Guid id, string role, HttpContext context, [FromServices] IUserAdministrationService users, CancellationToken cancellationToken)
    {
        var actor = context.RequireRbacKitUser().UserId;
        var result = await users.RevokeRoleAsync(actor, id, role, cancellationToken).ConfigureAwait(false);
        return RbacResults.From(result);
    }

    public static async Task<IResult> EndUserSessionsAsync(Guid id, HttpContext context, [FromServices] IUserAdministrationService users, CancellationToken cancellationToken) =>
        RbacResults.From(await users.EndSessionsAsync(context.RequireRbacKitUser().UserId, id, cancellationToken).ConfigureAwait(false));

    public static async Task<IResult> CheckUserAsync(Guid id, string permission, [FromServices] IUserAdministrationService users, CancellationToken cancellationToken) =>
        RbacResults.From(await users.CheckAsync(id, permission, cancellationToken).ConfigureAwait(false));

    public static async Task<IResult> CheckMineAsync(
        HttpContext context, [FromServices] PermissionCatalog catalog, [FromServices] IOptions<RbacKitEndpointOptions> options)
    {
        var body = await JsonBody.ReadAsync<PermissionCheckRequest>(context, options.Value.MaxRequestBodySize).ConfigureAwait(false);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var name = body.Value!.Permission?.Trim();
        if (string.IsNullOrEmpty(name) || !catalog.TryGetId(name, out var id))
        {
            return RbacProblems.FromError(new RbacError(RbacErrorKind.Validation, RbacErrorCodes.UnknownPermission, "The permission is not in the catalog.",
                new Dictionary<string, string[]>(StringComparer.Ordinal) { ["permission"] = ["Unknown permission."] }));
        }

        return RbacResults.Json(new PermissionCheckResponse(name, context.RequireRbacKitUser().Permissions.Contains(id)));
    }
}
