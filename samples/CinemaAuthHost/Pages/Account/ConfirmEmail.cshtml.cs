using CinemaAuthHost.Web;
using Microsoft.AspNetCore.Mvc;
using RbacKit;
using RbacKit.Accounts.Recovery;
using RbacKit.AspNetCore;

namespace CinemaAuthHost.Pages.Account;

/// <summary>
/// The page the confirmation mail's link opens (also for an email change): <see cref="IAccountRecoveryService.ConfirmEmailAsync"/>,
/// as <c>POST /auth/confirm-email</c>, on the button's POST.
/// </summary>
public sealed class ConfirmEmailModel : CinemaPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await PermitAsync(RbacKitThrottle.Recovery))
        {
            return Page();
        }

        var result = await Get<IAccountRecoveryService>().ConfirmEmailAsync(Token, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            if (result.Error!.Code == RbacErrorCodes.InvalidToken)
            {
                Token = null;
            }

            ShowError(result.Error);
            return Page();
        }

        Notice("Your email address is confirmed.");
        return Redirect(SessionOrNull is null ? WebPages.LoginPath : PageSignIn.DefaultReturnUrl);
    }
}
