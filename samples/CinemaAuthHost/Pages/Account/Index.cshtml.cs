using CinemaAuthHost.Web;

namespace CinemaAuthHost.Pages.Account;

/// <summary>The signed-in user's page.</summary>
public sealed class IndexModel : CinemaPageModel
{
    public void OnGet()
    {
    }
}
