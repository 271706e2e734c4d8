using CinemaAuthHost.External;
using CinemaAuthHost.Web;
using Microsoft.AspNetCore.Mvc;
using RbacKit;
using RbacKit.Accounts;
using RbacKit.Accounts.Recovery;
using RbacKit.AspNetCore;

namespace CinemaAuthHost.Pages.Account;

/// <summary>
/// Sign-in: email and password, then (when MFA is on) a TOTP or recovery code. Both steps call
/// <see cref="IAuthService.LoginAsync"/> as <c>POST /auth/login</c> does, behind the same per-address and per-account
/// limits; the second step carries the first one's email and password in <see cref="MfaStepProtector"/> state.
/// </summary>
public sealed class LoginModel : CinemaPageModel
{
    private const string Purpose = "login";

    [BindProperty(SupportsGet = true)]
    public string ReturnUrl { get; set; } = PageSignIn.DefaultReturnUrl;

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    [BindProperty]
    public string? State { get; set; }

    public bool SecondStep { get; private set; }

    public bool ShowResend { get; private set; }

    public IReadOnlyList<(string Name, string DisplayName)> Providers { get; private set; } = [];

    public IActionResult OnGet(string? error)
    {
        ReturnUrl = PageSignIn.SafeReturnUrl(ReturnUrl);
        if (HttpContext.GetPageSession() is not null)
        {
            return LocalRedirect(ReturnUrl);
        }

        if (error is { Length: > 0 and < 64 })
        {
            ShowError(ExternalPages.Describe(error));
        }

        LoadProviders();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ReturnUrl = PageSignIn.SafeReturnUrl(ReturnUrl);
        LoadProviders();
        if (!await PermitAsync(RbacKitThrottle.Login)
            || (Email is { Length: > 0 and <= 254 } && !await PermitAsync(RbacKitThrottle.LoginPerAccount, Email)))
        {
            return Page();
        }

        return await SignInAsync(new LoginRequest(Email, Password));
    }

    public async Task<IActionResult> OnPostCodeAsync()
    {
        ReturnUrl = PageSignIn.SafeReturnUrl(ReturnUrl);
        LoadProviders();
        if (Get<MfaStepProtector>().Unprotect(Purpose, State) is not [var email, var password])
        {
            ShowError("The sign-in took too long. Enter your email and password again.");
            return Page();
        }

        Email = email;
        if (!await PermitAsync(RbacKitThrottle.Login) || !await PermitAsync(RbacKitThrottle.LoginPerAccount, email))
        {
            SecondStep = true;
            return Page();
        }

        if (string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(RecoveryCode))
        {
            SecondStep = true;
            ModelState.AddModelError(nameof(Code), "Enter the code from your authenticator app.");
            ShowError("Enter the 6-digit code from your authenticator app, or a recovery code.");
            return Page();
        }

        return await SignInAsync(new LoginRequest(email, password, Code?.Trim(), RecoveryCode?.Trim()));
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        ReturnUrl = PageSignIn.SafeReturnUrl(ReturnUrl);
        LoadProviders();
        var recovery = Get<IAccountRecoveryService>();
        if (recovery.ValidateEmail(Email) is { Succeeded: false } invalid)
        {
            ShowError(invalid.Error);
            return Page();
        }

        if (!await PermitAsync(RbacKitThrottle.Recovery) || !await PermitAsync(RbacKitThrottle.RecoveryPerEmail, Email))
        {
            return Page();
        }

        if (!HttpContext.TryQueueRbacKitRecoveryMail(RbacKitRecoveryMail.ResendConfirmation, Email!))
        {
            ShowError("The service is busy. Try again in a few seconds.");
            return Page();
        }

        Notice("If the address has an unconfirmed account, a new confirmation link is on its way. Check your mail.");
        return RedirectToPage();
    }

    private async Task<IActionResult> SignInAsync(LoginRequest request)
    {
        var result = await Get<IAuthService>().LoginAsync(request, HttpContext.GetRbacKitClientInfo(), HttpContext.RequestAborted);
        if (result.Succeeded && await Get<PageSignIn>().SignInAsync(HttpContext, result.Value!))
        {
            return LocalRedirect(ReturnUrl);
        }

        var error = result.Error ?? new RbacError(RbacErrorKind.Unauthenticated, RbacErrorCodes.InvalidCredentials, "Sign-in failed.");
        if (error.Code is RbacErrorCodes.MfaRequired or RbacErrorCodes.InvalidMfaCode)
        {
            SecondStep = true;
            State = Get<MfaStepProtector>().Protect(Purpose, request.Email ?? "", request.Password ?? "");
            if (error.Code == RbacErrorCodes.InvalidMfaCode)
            {
                ShowError(error);
            }

            return Page();
        }

        ShowResend = error.Code == RbacErrorCodes.EmailNotConfirmed;
        ShowError(error);
        Response.StatusCode = error.Code is RbacErrorCodes.TooManyRequests or RbacErrorCodes.AccountLocked
            ? StatusCodes.Status429TooManyRequests
            : StatusCodes.Status200OK;
        return Page();
    }

    private void LoadProviders() =>
        Providers = [.. Get<ExternalSettings>().Providers.Select(p => (p.Key, p.Value.DisplayName ?? p.Key))];
}
