using Microsoft.AspNetCore.Mvc;
using RbacKit;
using RbacKit.Clients;
using RbacKit.Permissions;

namespace CinemaAuthHost.Pages.Admin.Clients;

/// <summary>
/// <c>/admin/clients</c>: every OAuth 2.0 client (clients:read, never a secret); creating one (clients:write) through
/// <see cref="IClientService"/>. The new secret is in the answer to the create post only, which is never cached nor
/// redirected through a cookie: it is shown once.
/// </summary>
public sealed class IndexModel(IClientService clients, PermissionCatalog catalog) : AdminPageModel
{
    /// <summary>Every client.</summary>
    public IReadOnlyList<ClientInfo> Clients { get; private set; } = [];

    /// <summary>The client just created, with its secret.</summary>
    public CreatedClient? Created { get; private set; }

    /// <summary>The new client's name.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The new client's permissions.</summary>
    [BindProperty]
    public List<string> Permissions { get; set; } = [];

    /// <summary>The checkboxes of the create form.</summary>
    public PermissionFieldset Choices => new("client", PermissionChoice.From(catalog, Created is null ? Permissions : []));

    /// <summary>Whether the signed-in user may create, rotate and delete clients.</summary>
    public bool CanWrite => Can(RbacPermissions.ClientsWrite);

    /// <summary>Lists the clients.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Require(RbacPermissions.ClientsRead) is { } denied)
        {
            return denied;
        }

        Clients = await clients.ListAsync(cancellationToken);
        return Page();
    }

    /// <summary>Creates a client and shows its secret once.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Require(RbacPermissions.ClientsWrite) is { } denied)
        {
            return denied;
        }

        var result = await clients.CreateAsync(ActorId, new ClientInput(Name, Permissions), cancellationToken);
        if (result.Succeeded)
        {
            Created = result.Value;
            Name = null;
            Response.Headers.CacheControl = "no-store";
        }
        else
        {
            Fail(result.Error, Name);
        }

        Clients = await clients.ListAsync(cancellationToken);
        return Page();
    }
}
