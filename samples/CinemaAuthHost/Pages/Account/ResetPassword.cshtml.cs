using CinemaAuthHost.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using RbacKit;
using RbacKit.Accounts.Recovery;
using RbacKit.AspNetCore;

namespace CinemaAuthHost.Pages.Account;

/// <summary>The page the reset mail's link opens: <see cref="IAccountRecoveryService.ResetPasswordAsync"/>, as <c>POST /auth/reset-password</c>.</summary>
public sealed class ResetPasswordModel : CinemaPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await PermitAsync(RbacKitThrottle.Recovery))
        {
            return Page();
        }

        var result = await Get<IAccountRecoveryService>().ResetPasswordAsync(Token, NewPassword, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            if (result.Error!.Code == RbacErrorCodes.InvalidToken)
            {
                Token = null;
            }

            ShowError(result.Error);
            return Page();
        }

        // Every session ended, this browser's too: the page cookie is gone at the next request; remove it now.
        await HttpContext.SignOutAsync(WebPages.Scheme);
        Notice("Your password is set. Sign in with it.");
        return Redirect(WebPages.LoginPath);
    }
}
