using CinemaAuthHost.Web;
using Microsoft.AspNetCore.Mvc;
using RbacKit;
using RbacKit.Accounts;
using RbacKit.Sessions;

namespace CinemaAuthHost.Pages.Account;

/// <summary>
/// The user's live sessions (end one, or all others) and the sign-in history, paged: the services of
/// <c>GET /me/sessions</c>, <c>DELETE /me/sessions/{id}</c>, <c>POST /auth/logout-others</c> and <c>GET /me/login-history</c>.
/// </summary>
public sealed class SessionsModel : CinemaPageModel
{
    public const int PageSize = 10;

    internal IReadOnlyList<SessionInfo> Sessions { get; private set; } = [];

    internal PagedResult<LoginHistoryItem>? History { get; private set; }

    internal long PageCount => History is null ? 1 : Math.Max(1, (History.Total + PageSize - 1) / PageSize);

    [BindProperty]
    public Guid Id { get; set; }

    public Task<IActionResult> OnGetAsync(int? page) => ShowAsync(page ?? 1);

    public async Task<IActionResult> OnPostEndAsync()
    {
        var result = await Get<ISessionService>().RevokeAsync(Session.UserId, Id, "ended_by_user", HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ShowError(result.Error!.Code == RbacErrorCodes.NotFound ? "That session has already ended." : PageErrors.Describe(result.Error));
            return await ShowAsync(1);
        }

        if (Id == Session.SessionId)
        {
            await Get<PageSignIn>().SignOutAsync(HttpContext);
            return Redirect(WebPages.LoginPath);
        }

        Notice("The session is ended: that device is signed out.");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostOthersAsync()
    {
        var result = await Get<IAuthService>().LogoutOthersAsync(Session.UserId, Session.SessionId, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ShowError(result.Error!);
            return await ShowAsync(1);
        }

        Notice("Every other session is ended.");
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowAsync(int page)
    {
        var accounts = Get<IAccountService>();
        Sessions = await accounts.ListSessionsAsync(Session.UserId, Session.SessionId, HttpContext.RequestAborted);
        var history = await accounts.GetLoginHistoryAsync(Session.UserId, Math.Max(1, page), PageSize, HttpContext.RequestAborted);
        if (!history.Succeeded)
        {
            history = await accounts.GetLoginHistoryAsync(Session.UserId, 1, PageSize, HttpContext.RequestAborted);
        }

        History = history.Value;
        return Page();
    }
}
