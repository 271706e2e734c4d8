using CinemaAuthHost.Web;
using Microsoft.AspNetCore.Mvc;
using RbacKit;

namespace CinemaAuthHost.Pages.Admin;

/// <summary>
/// The base of every admin console page. The console is a view on the same Core services as the API: it decides nothing
/// itself. It shows a link or a form only when the signed-in user holds the permission the matching API route needs, and
/// every handler checks that permission again on the server (<see cref="Require"/>), so a hand-made POST without it gets
/// 403; what the services refuse (escalation, system roles, the last superadmin) is shown in the error summary in words
/// that say what to do (<see cref="AdminMessages"/>), with the status the API would answer.
/// </summary>
public abstract class AdminPageModel : CinemaPageModel
{
    /// <summary>The signed-in user's id: the actor of every change.</summary>
    protected Guid ActorId => Session.UserId;

    /// <summary>Whether the signed-in user holds <paramref name="permission"/> now (the session's live permissions).</summary>
    public bool Can(string permission) => Session.HasPermission(permission);

    /// <summary>Null when the user holds <paramref name="permission"/>; otherwise the 403 page to return.</summary>
    protected IActionResult? Require(string permission) => Can(permission) ? null : Denied();

    /// <summary>Shows <paramref name="error"/> in the error summary with the status the API answers for it.</summary>
    protected void Fail(RbacError error, string? subject = null)
    {
        ShowError(AdminMessages.Describe(error, subject));
        Response.StatusCode = AdminMessages.StatusCode(error);
    }
}
