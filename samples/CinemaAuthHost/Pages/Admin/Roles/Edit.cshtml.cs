using Microsoft.AspNetCore.Mvc;
using RbacKit;
using RbacKit.Administration;
using RbacKit.Permissions;

namespace CinemaAuthHost.Pages.Admin.Roles;

/// <summary>
/// <c>/admin/roles/{id}</c>: one role (roles:read); changing its description and permissions or deleting it (roles:write)
/// through <see cref="IRoleService"/>, which refuses system-role changes and permissions the user lacks.
/// </summary>
public sealed class EditModel(IRoleService roles, PermissionCatalog catalog) : AdminPageModel
{
    /// <summary>The role as stored.</summary>
    public RoleInfo? Role { get; private set; }

    /// <summary>The name.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The description.</summary>
    [BindProperty]
    public string? Description { get; set; }

    /// <summary>The permissions.</summary>
    [BindProperty]
    public List<string> Permissions { get; set; } = [];

    /// <summary>The checkboxes of the form.</summary>
    public PermissionFieldset Choices => new("edit", PermissionChoice.From(catalog, Permissions));

    /// <summary>Whether the signed-in user may change and delete roles.</summary>
    public bool CanWrite => Can(RbacPermissions.RolesWrite);

    /// <summary>Shows the role.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Require(RbacPermissions.RolesRead) is { } denied)
        {
            return denied;
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Name = Role!.Name;
        Description = Role.Description;
        Permissions = [.. Role.Permissions];
        return Page();
    }

    /// <summary>Saves name, description and permissions.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Require(RbacPermissions.RolesWrite) is { } denied)
        {
            return denied;
        }

        var result = await roles.UpdateAsync(ActorId, id, new RoleInput(Name, Description, Permissions), cancellationToken);
        if (result.Succeeded)
        {
            Notice($"Saved the role “{result.Value.Name}”.");
            return RedirectToPage(new { id });
        }

        Fail(result.Error, Name);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>Deletes the role.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Require(RbacPermissions.RolesWrite) is { } denied)
        {
            return denied;
        }

        var result = await roles.DeleteAsync(ActorId, id, cancellationToken);
        if (result.Succeeded)
        {
            Notice("The role is deleted; everyone who held it lost its permissions at once.");
            return RedirectToPage("/Admin/Roles/Index");
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Fail(result.Error, Role!.Name);
        Name = Role.Name;
        Description = Role.Description;
        Permissions = [.. Role.Permissions];
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var role = await roles.GetAsync(id, cancellationToken);
        Role = role.Succeeded ? role.Value : null;
        return Role is not null;
    }
}
