using Microsoft.AspNetCore.Mvc;
using RbacKit;
using RbacKit.Accounts;
using RbacKit.Administration;

namespace CinemaAuthHost.Pages.Admin.Users;

/// <summary>
/// <c>/admin/users/{id}</c>: one user (users:read) with roles and live sessions; granting and revoking roles and ending
/// every session (users:write) go through <see cref="IUserAdministrationService"/>, whose escalation guard decides.
/// </summary>
public sealed class DetailsModel(IUserAdministrationService users, IAccountService accounts, IRoleService roles) : AdminPageModel
{
    /// <summary>The user.</summary>
    public UserProfile? Profile { get; private set; }

    /// <summary>The user's live sessions, newest first.</summary>
    public IReadOnlyList<SessionInfo> Sessions { get; private set; } = [];

    /// <summary>Roles the user does not have yet, for the grant form.</summary>
    public IReadOnlyList<RoleInfo> OtherRoles { get; private set; } = [];

    /// <summary>Whether the signed-in user may change grants and sessions.</summary>
    public bool CanWrite => Can(RbacPermissions.UsersWrite);

    /// <summary>Shows the user.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (Require(RbacPermissions.UsersRead) is { } denied)
        {
            return denied;
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>Grants <paramref name="role"/>.</summary>
    public Task<IActionResult> OnPostGrantAsync(Guid id, string? role, CancellationToken cancellationToken) =>
        ChangeAsync(id, role, () => users.GrantRoleAsync(ActorId, id, role, cancellationToken), $"Granted the role “{role}”.", cancellationToken);

    /// <summary>Revokes <paramref name="role"/>.</summary>
    public Task<IActionResult> OnPostRevokeAsync(Guid id, string? role, CancellationToken cancellationToken) =>
        ChangeAsync(id, role, () => users.RevokeRoleAsync(ActorId, id, role, cancellationToken), $"Revoked the role “{role}”.", cancellationToken);

    /// <summary>Ends every session of the user.</summary>
    public Task<IActionResult> OnPostEndSessionsAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeAsync(id, null, () => users.EndSessionsAsync(ActorId, id, cancellationToken), "Every session of this user has ended; they must sign in again.", cancellationToken);

    private async Task<IActionResult> ChangeAsync(Guid id, string? subject, Func<Task<RbacResult>> change, string done, CancellationToken cancellationToken)
    {
        // The permission check comes first: without users:write the service is never called.
        if (Require(RbacPermissions.UsersWrite) is { } denied)
        {
            return denied;
        }

        var result = await change();
        if (result.Succeeded)
        {
            Notice(done);
            return RedirectToPage(new { id });
        }

        Fail(result.Error, subject);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var profile = await users.GetAsync(id, cancellationToken);
        if (!profile.Succeeded)
        {
            return false;
        }

        Profile = profile.Value;
        Sessions = await accounts.ListSessionsAsync(id, Guid.Empty, cancellationToken);
        if (CanWrite)
        {
            var held = Profile.Roles.ToHashSet(StringComparer.Ordinal);
            OtherRoles = [.. (await roles.ListAsync(cancellationToken)).Where(r => !held.Contains(r.Name)).OrderBy(r => r.Name, StringComparer.Ordinal)];
        }

        return true;
    }
}
