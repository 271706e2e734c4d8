using System.Security.Claims;
using RbacKit;

namespace CinemaAuthHost.Pages.Admin;

/// <summary>The parts of the admin console and the permission that opens each: the one its API route needs.</summary>
public static class AdminSections
{
    /// <summary>Every section, in menu order.</summary>
    public static IReadOnlyList<AdminSection> All { get; } =
    [
        new("Users", "/Admin/Users/Index", RbacPermissions.UsersRead, "Find people, grant and revoke roles, end their sessions."),
        new("Roles", "/Admin/Roles/Index", RbacPermissions.RolesRead, "Roles and the permissions they grant."),
        new("Clients", "/Admin/Clients/Index", RbacPermissions.ClientsRead, "OAuth 2.0 clients (service accounts) and their secrets."),
        new("Audit log", "/Admin/Audit/Index", RbacPermissions.AuditRead, "Who changed which role, grant, client or account, and when."),
    ];

    /// <summary>The sections <paramref name="user"/> may open.</summary>
    public static IReadOnlyList<AdminSection> Visible(ClaimsPrincipal user) => [.. All.Where(s => user.HasPermission(s.Permission))];
}

/// <summary>A part of the admin console.</summary>
/// <param name="Title">The menu text.</param>
/// <param name="Page">The Razor page.</param>
/// <param name="Permission">The permission that opens it.</param>
/// <param name="Summary">One line about it.</param>
public sealed record AdminSection(string Title, string Page, string Permission, string Summary);
