using CinemaAuthHost.External;
using CinemaAuthHost.Web;
using Microsoft.AspNetCore.Mvc;
using RbacKit.Accounts;
using RbacKit.Accounts.Recovery;
using RbacKit.AspNetCore;

namespace CinemaAuthHost.Pages.Account;

/// <summary>
/// The signed-in user's page: profile, roles and permissions, password, email and linked logins. Each form calls the
/// Core service of the matching <c>/me</c> endpoint, behind the same limit.
/// </summary>
public sealed class IndexModel : CinemaPageModel
{
    internal UserProfile? Profile { get; private set; }

    internal IReadOnlyList<(string Name, string DisplayName)> Providers { get; private set; } = [];

    internal IReadOnlyList<ExternalLoginInfo> Linked { get; private set; } = [];

    /// <summary>Binds the "Link" buttons to this session (<see cref="ExternalLinkModel"/>).</summary>
    internal string LinkTicket => Get<MfaStepProtector>().Protect(ExternalLinkModel.TicketPurpose, Session.SessionId.ToString());

    [BindProperty]
    public string? FirstName { get; set; }

    [BindProperty]
    public string? MiddleName { get; set; }

    [BindProperty]
    public string? LastName { get; set; }

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? NewEmail { get; set; }

    [BindProperty]
    public string? EmailPassword { get; set; }

    [BindProperty]
    public string? Provider { get; set; }

    public async Task<IActionResult> OnGetAsync(string? linked, string? error)
    {
        if (linked is { Length: > 0 and < 64 })
        {
            ViewData["Notice"] = $"{linked} is linked to your account.";
        }

        if (error is { Length: > 0 and < 64 })
        {
            ShowError(ExternalPages.Describe(error));
        }

        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostProfileAsync()
    {
        var result = await Get<IAccountService>().UpdateProfileAsync(Session.UserId, new ProfileUpdate(FirstName?.Trim(), LastName?.Trim(), MiddleName?.Trim() ?? ""), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ShowError(result.Error!);
            return await ShowAsync();
        }

        Notice("Your profile is saved.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        if (!await PermitAsync(RbacKitThrottle.AccountProof, Session.UserId.ToString()))
        {
            return await ShowAsync();
        }

        var result = await Get<IAccountService>().ChangePasswordAsync(Session.UserId, Session.SessionId, CurrentPassword, NewPassword, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ShowError(result.Error!);
            return await ShowAsync();
        }

        Notice("Your password is changed. Your other sessions are signed out.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEmailAsync()
    {
        if (!await PermitAsync(RbacKitThrottle.AccountProof, Session.UserId.ToString()))
        {
            return await ShowAsync();
        }

        var result = await Get<IAccountRecoveryService>().RequestEmailChangeAsync(Session.UserId, Session.SessionId, EmailPassword, NewEmail?.Trim(), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            // The password field of this form is EmailPassword; the service names it currentPassword.
            if (result.Error!.Errors?.ContainsKey("currentPassword") == true)
            {
                ModelState.AddModelError(nameof(EmailPassword), string.Join(" ", result.Error.Errors["currentPassword"]));
            }

            ShowError(result.Error);
            return await ShowAsync();
        }

        Notice($"We sent a confirmation link to {NewEmail?.Trim()}. Your email changes when you open it. Your other sessions are signed out.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResendAsync()
    {
        var profile = await Get<IAccountService>().GetProfileAsync(Session.UserId, HttpContext.RequestAborted);
        if (!profile.Succeeded)
        {
            return Denied();
        }

        if (!await PermitAsync(RbacKitThrottle.Recovery) || !await PermitAsync(RbacKitThrottle.RecoveryPerEmail, profile.Value!.Email))
        {
            return await ShowAsync();
        }

        if (!HttpContext.TryQueueRbacKitRecoveryMail(RbacKitRecoveryMail.ResendConfirmation, profile.Value!.Email))
        {
            ShowError("The service is busy. Try again in a few seconds.");
            return await ShowAsync();
        }

        Notice("A new confirmation link is on its way. Check your mail.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnlinkAsync()
    {
        var outcome = await Get<ExternalAccounts>().UnlinkAsync(Session.UserId, Provider ?? "", HttpContext.RequestAborted);
        if (outcome is not null)
        {
            ShowError(outcome == ExternalErrors.LastSignInMethod
                ? "This is your only way to sign in. Set a password (Forgot your password? on the sign-in page) or link another login first."
                : "No login of this provider is linked to your account.");
            return await ShowAsync();
        }

        Notice($"{Provider} is unlinked from your account.");
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowAsync()
    {
        var profile = await Get<IAccountService>().GetProfileAsync(Session.UserId, HttpContext.RequestAborted);
        if (!profile.Succeeded)
        {
            return Denied();
        }

        Profile = profile.Value;
        Providers = [.. Get<ExternalSettings>().Providers.Select(p => (p.Key, p.Value.DisplayName ?? p.Key))];
        Linked = await Get<ExternalAccounts>().ListAsync(Session.UserId, HttpContext.RequestAborted);
        return Page();
    }
}
