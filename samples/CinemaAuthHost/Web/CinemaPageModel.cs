using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RbacKit;

namespace CinemaAuthHost.Web;

/// <summary>
/// The base of every page model. Razor needs page models public while the host's services are internal, so a page gets
/// them through <see cref="Get{T}"/> (the request's services) instead of its constructor.
/// </summary>
public abstract class CinemaPageModel : PageModel
{
    /// <summary>The signed-in user of this request (pages under the <see cref="WebPages.SignedIn"/> policy only).</summary>
    internal PageSession Session => HttpContext.RequirePageSession();

    /// <summary>The signed-in user, or null on an anonymous page without a live page cookie.</summary>
    internal PageSession? SessionOrNull => HttpContext.GetPageSession();

    /// <summary>403 through the page cookie scheme: the HTML "no access" page (never the API's problem body).</summary>
    protected IActionResult Denied() => Forbid(WebPages.Scheme);

    /// <summary>A service of this request.</summary>
    protected T Get<T>() where T : notnull => HttpContext.RequestServices.GetRequiredService<T>();

    /// <summary>Shows a Core failure on the page: the summary and the per-field messages.</summary>
    protected void ShowError(RbacError error) => PageErrors.AddTo(ModelState, error);

    /// <summary>Shows one message in the error summary.</summary>
    protected void ShowError(string message) => ModelState.AddModelError(string.Empty, message);

    /// <summary>A notice shown once on the next page (after a redirect).</summary>
    protected void Notice(string message) => TempData["Notice"] = message;

    /// <summary>The notice of the previous request, if any.</summary>
    public string? PendingNotice => TempData["Notice"] as string ?? ViewData["Notice"] as string;

    /// <summary>Takes a rate-limit permit; on refusal shows the wait and returns false.</summary>
    protected async Task<bool> PermitAsync(RbacKit.AspNetCore.RbacKitThrottle throttle, string? subject = null)
    {
        if (await RbacKit.AspNetCore.RbacKitRequestGates.TryAcquireRbacKitPermitAsync(HttpContext, throttle, subject) is { } wait)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            ShowError(PageErrors.TooMany(wait));
            return false;
        }

        return true;
    }
}
