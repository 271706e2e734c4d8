using Microsoft.AspNetCore.Mvc;
using RbacKit;
using RbacKit.Administration;
using RbacKit.Permissions;

namespace CinemaAuthHost.Pages.Admin.Roles;

/// <summary><c>/admin/roles</c>: every role with its permissions (roles:read); creating one (roles:write) through <see cref="IRoleService"/>.</summary>
public sealed class IndexModel(IRoleService roles, PermissionCatalog catalog) : AdminPageModel
{
    /// <summary>Every role.</summary>
    public IReadOnlyList<RoleInfo> Roles { get; private set; } = [];

    /// <summary>The new role's name.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The new role's description.</summary>
    [BindProperty]
    public string? Description { get; set; }

    /// <summary>The new role's permissions.</summary>
    [BindProperty]
    public List<string> Permissions { get; set; } = [];

    /// <summary>The checkboxes of the create form.</summary>
    public PermissionFieldset Choices => new("new", PermissionChoice.From(catalog, Permissions));

    /// <summary>Whether the signed-in user may create, change and delete roles.</summary>
    public bool CanWrite => Can(RbacPermissions.RolesWrite);

    /// <summary>Lists the roles.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(RbacPermissions.RolesRead) is { } denied)
        {
            return denied;
        }

        Roles = await roles.ListAsync(cancellationToken);
        return Page();
    }

    /// <summary>Creates a role.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Require(RbacPermissions.RolesWrite) is { } denied)
        {
            return denied;
        }

        var result = await roles.CreateAsync(ActorId, new RoleInput(Name, Description, Permissions), cancellationToken);
        if (result.Succeeded)
        {
            Notice($"Created the role “{result.Value.Name}”.");
            return RedirectToPage("/Admin/Roles/Edit", new { id = result.Value.Id });
        }

        Fail(result.Error, Name);
        Roles = await roles.ListAsync(cancellationToken);
        return Page();
    }
}
