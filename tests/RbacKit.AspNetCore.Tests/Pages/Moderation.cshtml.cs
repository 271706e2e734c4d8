using Microsoft.AspNetCore.Mvc.RazorPages;

namespace RbacKit.AspNetCore.Tests.Pages;

/// <summary>A Razor page that only holders of movies:write may open.</summary>
[RequirePermission("movies:write")]
public sealed class ModerationModel : PageModel
{
    public string? UserName { get; private set; }

    public void OnGet() => UserName = User.Identity?.Name;
}
