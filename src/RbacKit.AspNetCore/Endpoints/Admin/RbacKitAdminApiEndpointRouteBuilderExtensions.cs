using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RbacKit;
using RbacKit.Accounts;
using RbacKit.Administration;
using RbacKit.AspNetCore;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps RbacKit's administration endpoints.</summary>
public static class RbacKitAdminApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/permissions</c>, <c>/roles</c>, <c>/users</c>, <c>/audit-events</c> and <c>/authz/check</c> under <paramref name="prefix"/>, each
    /// guarded by the permission the API contract names; escalation rules are enforced by Core. Returns the group.
    /// </summary>
    public static RouteGroupBuilder MapRbacKitAdminApi(this IEndpointRouteBuilder endpoints, string prefix = "/")
    {
        var options = EndpointMapping.GetOptions(endpoints);
        var group = endpoints.MapGroup(prefix);
        MapRoles(group.MapGroup("/").WithTags("Roles"), options);
        MapUsers(group.MapGroup("/users").WithTags("Users"), options);

        group.Map(options, RbacKitEndpointNames.ListAuditEvents, "Audit events newest first, of one actor and/or target; keyset paged by cursor.", g => g
            .MapGet("/audit-events", AdminHandlers.ListAuditEventsAsync).RequireBearerPermission(RbacPermissions.AuditRead)
            .WithTags("Audit")
            .WithMetadata(QueryParametersMetadata.Paged(
                ("actor", "string", "uuid", "Only the changes this user made."),
                ("target", "string", null, "Only the changes of this target (a role, user or client id).")))
            .Produces<PagedResult<AuditEntry>>()
            .ProducesValidationProblem());

        group.Map(options, RbacKitEndpointNames.CheckMyPermission, "Whether the caller holds a permission.", g => g
            .MapPost("/authz/check", AdminHandlers.CheckMineAsync).RequireBearer()
            .WithTags("Authorization")
            .AcceptsJson<PermissionCheckRequest>()
            .Produces<PermissionCheckResponse>());
        return group;
    }

    private static void MapRoles(RouteGroupBuilder group, RbacKitEndpointOptions options)
    {
        group.Map(options, RbacKitEndpointNames.ListPermissions, "The permission catalog.", g => g
            .MapGet("/permissions", AdminHandlers.ListPermissions).RequireBearerPermission(RbacPermissions.RolesRead)
            .Produces<IReadOnlyList<PermissionInfo>>());

        group.Map(options, RbacKitEndpointNames.ListRoles, "Every role with its permissions.", g => g
            .MapGet("/roles", AdminHandlers.ListRolesAsync).RequireBearerPermission(RbacPermissions.RolesRead)
            .Produces<IReadOnlyList<RoleInfo>>());

        group.Map(options, RbacKitEndpointNames.CreateRole, "Creates a role with permissions the caller holds.", g => g
            .MapPost("/roles", AdminHandlers.CreateRoleAsync).RequireBearerPermission(RbacPermissions.RolesWrite)
            .AcceptsJson<RoleInput>()
            .Produces<RoleInfo>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict));

        group.Map(options, RbacKitEndpointNames.GetRole, "One role.", g => g
            .MapGet("/roles/{id:guid}", AdminHandlers.GetRoleAsync).RequireBearerPermission(RbacPermissions.RolesRead)
            .Produces<RoleInfo>()
            .ProducesProblem(StatusCodes.Status404NotFound));

        group.Map(options, RbacKitEndpointNames.UpdateRole, "Replaces a role's name, description and permissions.", g => g
            .MapPut("/roles/{id:guid}", AdminHandlers.UpdateRoleAsync).RequireBearerPermission(RbacPermissions.RolesWrite)
            .AcceptsJson<RoleInput>()
            .Produces<RoleInfo>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict));

        group.Map(options, RbacKitEndpointNames.DeleteRole, "Deletes a role; system roles stay.", g => g
            .MapDelete("/roles/{id:guid}", AdminHandlers.DeleteRoleAsync).RequireBearerPermission(RbacPermissions.RolesWrite)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict));
    }

    private static void MapUsers(RouteGroupBuilder group, RbacKitEndpointOptions options)
    {
        group.Map(options, RbacKitEndpointNames.ListUsers, "Users whose email or names contain the search text.", g => g
            .MapGet("/", AdminHandlers.ListUsersAsync).RequireBearerPermission(RbacPermissions.UsersRead)
            .WithMetadata(QueryParametersMetadata.Paged(("search", "string", null, "Text the email or a name contains (at most 254 characters).")))
            .Produces<PagedResult<UserSummary>>()
            .ProducesValidationProblem());

        group.Map(options, RbacKitEndpointNames.GetUser, "One user with roles.", g => g
            .MapGet("/{id:guid}", AdminHandlers.GetUserAsync).RequireBearerPermission(RbacPermissions.UsersRead)
            .Produces<UserProfile>()
            .ProducesProblem(StatusCodes.Status404NotFound));

        group.Map(options, RbacKitEndpointNames.GrantRole, "Grants a role; refused when it holds what the caller lacks.", g => g
            .MapPost("/{id:guid}/roles", AdminHandlers.GrantRoleAsync).RequireBearerPermission(RbacPermissions.UsersWrite)
            .AcceptsJson<GrantRoleRequest>()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound));

        group.Map(options, RbacKitEndpointNames.RevokeRole, "Revokes a role; the last superadmin keeps it.", g => g
            .MapDelete("/{id:guid}/roles/{role}", AdminHandlers.RevokeRoleAsync).RequireBearerPermission(RbacPermissions.UsersWrite)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict));

        group.Map(options, RbacKitEndpointNames.EndUserSessions, "Ends every session of a user.", g => g
            .MapDelete("/{id:guid}/sessions", AdminHandlers.EndUserSessionsAsync).RequireBearerPermission(RbacPermissions.UsersWrite)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound));

        group.Map(options, RbacKitEndpointNames.CheckUserPermission, "Whether a user holds a permission.", g => g
            .MapGet("/{id:guid}/permissions/{permission}", AdminHandlers.CheckUserAsync).RequireBearerPermission(RbacPermissions.UsersRead)
            .Produces<PermissionCheck>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound));
    }
}
