namespace RbacKit.AspNetCore;

/// <summary>A permission of the catalog.</summary>
/// <param name="Name">The name, <c>resource:action</c>.</param>
/// <param name="Description">What it allows.</param>
public sealed record PermissionInfo(string Name, string? Description);

/// <summary>The body of <c>POST /users/{id}/roles</c>.</summary>
/// <param name="Role">The role name to grant.</param>
public sealed record GrantRoleRequest(string? Role);

/// <summary>The body of <c>POST /authz/check</c>.</summary>
/// <param name="Permission">The permission name.</param>
public sealed record PermissionCheckRequest(string? Permission);

/// <summary>The answer of <c>POST /authz/check</c>.</summary>
/// <param name="Permission">The permission name.</param>
/// <param name="Allowed">Whether the caller holds it.</param>
public sealed record PermissionCheckResponse(string Permission, bool Allowed);
