using CinemaAuthHost.Web;
using Microsoft.AspNetCore.Mvc;

namespace CinemaAuthHost.Pages.Account;

/// <summary>Ends the RbacKit session of the page cookie (like <c>POST /auth/logout</c>) and removes the cookie.</summary>
public sealed class LogoutModel : CinemaPageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await Get<PageSignIn>().SignOutAsync(HttpContext);
        Notice("You are signed out.");
        return Redirect(WebPages.LoginPath);
    }
}
