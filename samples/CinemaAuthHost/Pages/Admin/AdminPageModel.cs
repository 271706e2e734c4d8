using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RbacKit;

namespace CinemaAuthHost.Pages.Admin;

/// <summary>
/// The base of every admin console page. The console is a view on the same Core services as the API: it decides nothing
/// itself. It shows a link or a form only when the signed-in user holds the permission the matching API route needs, and
/// every handler checks that permission again on the server (<see cref="Require"/>), so a hand-made POST without it gets
/// 403; what the services refuse (escalation, system roles, the last superadmin) comes back as a <see cref="Problem"/>
/// that says what to do (<see cref="AdminMessages"/>).
/// </summary>
public abstract class AdminPageModel : PageModel
{
    /// <summary>A message for the user after a change (post, redirect, get), kept for one request.</summary>
    [TempData]
    public string? Notice { get; set; }

    /// <summary>What went wrong with the last post and what to do about it; shown above the forms.</summary>
    public string? Problem { get; protected set; }

    /// <summary>The signed-in user's id.</summary>
    protected Guid ActorId =>
        Guid.TryParse(User.FindFirstValue("sub"), out var id) ? id : throw new InvalidOperationException("The admin console needs a signed-in RbacKit user.");

    /// <summary>Whether the signed-in user holds <paramref name="permission"/>.</summary>
    public bool Can(string permission) => User.HasPermission(permission);

    /// <summary>Whether the signed-in user may open any part of the console.</summary>
    public bool CanOpenConsole => AdminSections.Visible(User).Count > 0;

    /// <summary>Null when the user holds <paramref name="permission"/>; otherwise the 403 to return.</summary>
    protected IActionResult? Require(string permission) => Can(permission) ? null : Forbidden();

    /// <summary>403 for a signed-in user without the permission.</summary>
    protected static IActionResult Forbidden() => new StatusCodeResult(StatusCodes.Status403Forbidden);

    /// <summary>Shows <paramref name="error"/> on the page with the status the API would answer.</summary>
    protected void Fail(RbacError error, string? subject = null)
    {
        Problem = AdminMessages.Describe(error, subject);
        HttpContext.Response.StatusCode = AdminMessages.StatusCode(error);
    }
}
