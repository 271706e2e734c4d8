using Microsoft.AspNetCore.Mvc;

namespace CinemaAuthHost.Pages.Admin;

/// <summary><c>GET /admin</c>: the sections the signed-in user may open; 403 when none.</summary>
public sealed class IndexModel : AdminPageModel
{
    /// <summary>The sections to show.</summary>
    public IReadOnlyList<AdminSection> Sections { get; private set; } = [];

    /// <summary>Lists the sections.</summary>
    public IActionResult OnGet()
    {
        Sections = AdminSections.Visible(User);
        return Sections.Count == 0 ? Denied() : Page();
    }
}
