using CinemaAuthHost.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RbacKit;
using RbacKit.Accounts;
using RbacKit.AspNetCore;

namespace CinemaAuthHost.Pages.Account;

/// <summary>Sign-up: <c>POST /auth/register</c>'s path (hooks, <see cref="IAccountService.RegisterAsync"/>, its limit).</summary>
public sealed class RegisterModel : CinemaPageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? FirstName { get; set; }

    [BindProperty]
    public string? LastName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? PasswordConfirm { get; set; }

    public IActionResult OnGet() => SessionOrNull is null ? Page() : LocalRedirect(PageSignIn.DefaultReturnUrl);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await PermitAsync(RbacKitThrottle.Register))
        {
            return Page();
        }

        var result = await HttpContext.RegisterRbacKitAccountAsync(
            new RegisterRequest(Email?.Trim(), Password, PasswordConfirm, FirstName?.Trim(), LastName?.Trim()), HttpContext.RequestAborted);
        var conceal = Get<IOptions<RbacKitOptions>>().Value.Accounts.ConcealRegisteredEmails;
        if (!result.Succeeded && !(conceal && result.Error!.Code == RbacErrorCodes.EmailTaken))
        {
            ShowError(result.Error!);
            return Page();
        }

        Notice($"Account created. We sent a confirmation link to {Email?.Trim()}: open it to confirm your address, then sign in.");
        return Redirect(WebPages.LoginPath);
    }
}
