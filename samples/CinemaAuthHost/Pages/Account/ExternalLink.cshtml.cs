using CinemaAuthHost.External;
using CinemaAuthHost.Web;
using Microsoft.AspNetCore.Mvc;

namespace CinemaAuthHost.Pages.Account;

/// <summary>
/// Links an external login to the signed-in account (as <c>GET /me/external-logins/{provider}/link</c>). The link on the
/// account page carries a ticket bound to this session, so another site cannot start a link for the user.
/// </summary>
public sealed class ExternalLinkModel : CinemaPageModel
{
    public const string TicketPurpose = "external-link";

    public async Task<IActionResult> OnGetAsync(string provider, string? ticket)
    {
        if (!Get<ExternalSettings>().Providers.ContainsKey(provider))
        {
            return NotFound();
        }

        if (Get<MfaStepProtector>().Unprotect(TicketPurpose, ticket) is not [var session] || session != Session.SessionId.ToString())
        {
            return Redirect($"/account?error={ExternalErrors.InvalidState}");
        }

        if (await Get<ExternalAccounts>().IsLinkedAsync(Session.UserId, provider, HttpContext.RequestAborted))
        {
            return Redirect($"/account?error={ExternalErrors.ExternalLoginTaken}");
        }

        return Challenge(ExternalPages.Properties(provider, "/account", Session.UserId), ExternalAuthentication.Scheme(provider));
    }
}
