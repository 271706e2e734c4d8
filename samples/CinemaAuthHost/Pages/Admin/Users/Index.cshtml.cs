using Microsoft.AspNetCore.Mvc;
using RbacKit;
using RbacKit.Administration;

namespace CinemaAuthHost.Pages.Admin.Users;

/// <summary><c>GET /admin/users?search=&amp;page=</c> (users:read): user search, paged, through <see cref="IUserAdministrationService"/>.</summary>
public sealed class IndexModel(IUserAdministrationService users) : AdminPageModel
{
    /// <summary>Users per page.</summary>
    public const int PageSize = 20;

    /// <summary>The search text.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    /// <summary>The users found.</summary>
    public IReadOnlyList<UserSummary> Users { get; private set; } = [];

    /// <summary>The pager.</summary>
    public PageLinks Links { get; private set; } = new("/admin/users", 1, PageSize, 0, new Dictionary<string, string?>());

    /// <summary>Searches.</summary>
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        if (Require(RbacPermissions.UsersRead) is { } denied)
        {
            return denied;
        }

        var result = await users.SearchAsync(Search, page ?? 1, PageSize, cancellationToken);
        if (!result.Succeeded)
        {
            Fail(result.Error);
            return Page();
        }

        Users = result.Value.Items;
        Links = new("/admin/users", result.Value.Page, PageSize, result.Value.Total,
            new Dictionary<string, string?>(StringComparer.Ordinal) { ["search"] = Search }, result.Value.TotalIsCapped);
        return Page();
    }
}
