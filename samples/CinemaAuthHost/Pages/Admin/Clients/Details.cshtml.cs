using Microsoft.AspNetCore.Mvc;
using RbacKit;
using RbacKit.Clients;

namespace CinemaAuthHost.Pages.Admin.Clients;

/// <summary>
/// <c>/admin/clients/{id}</c>: one client (clients:read); rotating its secret (shown once) and deleting it (clients:write)
/// through <see cref="IClientService"/>.
/// </summary>
public sealed class DetailsModel(IClientService clients) : AdminPageModel
{
    /// <summary>The client.</summary>
    public ClientInfo? Client { get; private set; }

    /// <summary>The new secret, right after a rotation.</summary>
    public string? NewSecret { get; private set; }

    /// <summary>Whether the signed-in user may rotate and delete clients.</summary>
    public bool CanWrite => Can(RbacPermissions.ClientsWrite);

    /// <summary>Shows the client.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Require(RbacPermissions.ClientsRead) is { } denied)
        {
            return denied;
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>Replaces the secret and shows the new one once.</summary>
    public async Task<IActionResult> OnPostRotateAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Require(RbacPermissions.ClientsWrite) is { } denied)
        {
            return denied;
        }

        var result = await clients.RotateSecretAsync(ActorId, id, cancellationToken);
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            NewSecret = result.Value.ClientSecret;
            Response.Headers.CacheControl = "no-store";
        }
        else
        {
            Fail(result.Error, Client!.Name);
        }

        return Page();
    }

    /// <summary>Deletes the client.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Require(RbacPermissions.ClientsWrite) is { } denied)
        {
            return denied;
        }

        var result = await clients.DeleteAsync(ActorId, id, cancellationToken);
        if (result.Succeeded)
        {
            Notice("The client is deleted; its tokens stopped working at once.");
            return RedirectToPage("/Admin/Clients/Index");
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Fail(result.Error, Client!.Name);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var client = await clients.GetAsync(id, cancellationToken);
        Client = client.Succeeded ? client.Value : null;
        return Client is not null;
    }
}
