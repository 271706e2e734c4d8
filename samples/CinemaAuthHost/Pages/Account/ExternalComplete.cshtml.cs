using CinemaAuthHost.External;
using CinemaAuthHost.Web;
using Microsoft.AspNetCore.Mvc;
using RbacKit.Accounts;
using RbacKit.AspNetCore;
using RbacKit.Stores;

namespace CinemaAuthHost.Pages.Account;

/// <summary>
/// The end of a page flow's external sign-in: exchanges the one-time code (from <see cref="ExternalPages.TakeCode"/>)
/// as <c>POST /auth/external/exchange</c> does, with <see cref="IAuthService.SignInExternalAsync"/> (deactivation,
/// lockout, MFA and the login history apply), asking for the second factor first when MFA is on.
/// </summary>
public sealed class ExternalCompleteModel : CinemaPageModel
{
    private const string Purpose = "external-mfa";

    [BindProperty]
    public string? State { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    internal string Provider { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        returnUrl = PageSignIn.SafeReturnUrl(returnUrl);
        var external = Get<ExternalAccounts>();
        if (await external.FindCodeAsync(ExternalPages.TakeCode(HttpContext), HttpContext.RequestAborted) is not { } code)
        {
            return Redirect($"{WebPages.LoginPath}?error={ExternalErrors.InvalidCode}");
        }

        if (await Get<IUserStore>().FindByIdAsync(code.UserId, HttpContext.RequestAborted) is { MfaEnabled: true })
        {
            // The code stays valid (for the rest of its 60 seconds) while the person types the second factor.
            Provider = code.Provider;
            State = Get<MfaStepProtector>().Protect(Purpose, Convert.ToBase64String(code.CodeHash), returnUrl);
            return Page();
        }

        return await FinishAsync(code, null, null, returnUrl);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Get<MfaStepProtector>().Unprotect(Purpose, State) is not [var hash, var returnUrl]
            || await Get<ExternalAccounts>().FindCodeByHashAsync(Convert.FromBase64String(hash), HttpContext.RequestAborted) is not { } code)
        {
            return Redirect($"{WebPages.LoginPath}?error={ExternalErrors.InvalidCode}");
        }

        if (!await PermitAsync(RbacKitThrottle.Login))
        {
            Provider = code.Provider;
            return Page();
        }

        return await FinishAsync(code, string.IsNullOrWhiteSpace(Code) ? null : Code.Trim(), string.IsNullOrWhiteSpace(RecoveryCode) ? null : RecoveryCode.Trim(), PageSignIn.SafeReturnUrl(returnUrl));
    }

    private async Task<IActionResult> FinishAsync(ExternalSignInCode code, string? twoFactorCode, string? recoveryCode, string returnUrl)
    {
        if (!await Get<ExternalAccounts>().SpendCodeAsync(code, HttpContext.RequestAborted))
        {
            return Redirect($"{WebPages.LoginPath}?error={ExternalErrors.InvalidCode}");
        }

        var result = await Get<IAuthService>().SignInExternalAsync(code.UserId, code.Provider, twoFactorCode, recoveryCode, HttpContext.GetRbacKitClientInfo(), HttpContext.RequestAborted);
        if (result.Succeeded && await Get<PageSignIn>().SignInAsync(HttpContext, result.Value!))
        {
            return LocalRedirect(returnUrl);
        }

        Notice(result.Error is { } error ? PageErrors.Describe(error) + " Start the sign-in again." : "The sign-in failed. Start it again.");
        return Redirect(WebPages.LoginPath);
    }
}
