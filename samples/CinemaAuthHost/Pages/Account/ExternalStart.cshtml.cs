using CinemaAuthHost.External;
using CinemaAuthHost.Web;
using Microsoft.AspNetCore.Mvc;

namespace CinemaAuthHost.Pages.Account;

/// <summary>Starts an external sign-in from the sign-in page's provider buttons (a link: a form could not redirect under <c>form-action 'self'</c>).</summary>
public sealed class ExternalStartModel : CinemaPageModel
{
    public IActionResult OnGet(string provider, string? returnUrl)
    {
        if (!Get<ExternalSettings>().Providers.ContainsKey(provider))
        {
            return NotFound();
        }

        return Challenge(ExternalPages.Properties(provider, PageSignIn.SafeReturnUrl(returnUrl), null), ExternalAuthentication.Scheme(provider));
    }
}
