using CinemaAuthHost.Web;
using Microsoft.AspNetCore.Mvc;
using RbacKit.Accounts.Recovery;
using RbacKit.AspNetCore;

namespace CinemaAuthHost.Pages.Account;

/// <summary>
/// <c>POST /auth/forgot-password</c>'s path: the address checked, the per-address and per-email limits, then the recovery
/// queue, so a known and an unknown address get the same answer after the same work.
/// </summary>
public sealed class ForgotPasswordModel : CinemaPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Get<IAccountRecoveryService>().ValidateEmail(Email) is { Succeeded: false } invalid)
        {
            ShowError(invalid.Error!);
            return Page();
        }

        if (!await PermitAsync(RbacKitThrottle.Recovery) || !await PermitAsync(RbacKitThrottle.RecoveryPerEmail, Email))
        {
            return Page();
        }

        if (!HttpContext.TryQueueRbacKitRecoveryMail(RbacKitRecoveryMail.ForgotPassword, Email!))
        {
            ShowError("The service is busy. Try again in a few seconds.");
            return Page();
        }

        Notice("If an account has this address, a link to reset its password is on its way. Check your mail; the link works once.");
        return RedirectToPage();
    }
}
