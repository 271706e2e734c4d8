using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CinemaAuthHost.Pages.Account;

/// <summary>
/// The HTML answer of a page request that ended without a body (re-executed by the status-code pages of
/// <c>WebPages.UseCinemaPageAssets</c>): a 400 of a failed antiforgery check, a 403, a 404. It accepts any method (the
/// re-execution keeps the original one) and checks no antiforgery token (it changes nothing).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : CinemaAuthHost.Web.CinemaPageModel
{
    public string Heading { get; private set; } = "Something went wrong";

    public string Advice { get; private set; } = "Go back and try again.";

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        var code = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null ? Response.StatusCode : status ?? StatusCodes.Status404NotFound;
        (Heading, Advice) = code switch
        {
            StatusCodes.Status400BadRequest => ("The form could not be sent",
                "The form was open too long or came from another site, so it was not accepted. Go back, reload the page and send it again."),
            StatusCodes.Status403Forbidden => ("You do not have access to this page",
                "Your account lacks the permission this page needs. Ask an administrator for it, or go back to your account."),
            StatusCodes.Status404NotFound => ("Page not found",
                "There is no page at this address. Check the address, or start again from your account."),
            StatusCodes.Status429TooManyRequests => ("Too many requests", "Wait a minute, then try again."),
            _ => ("Something went wrong", "Go back and try again in a moment."),
        };
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            Response.StatusCode = code;
        }
    }
}
