namespace CinemaAuthHost.Pages.Admin;

/// <summary>Previous/next links of a paged list.</summary>
/// <param name="PagePath">The Razor page the links open.</param>
/// <param name="Page">The 1-based page shown.</param>
/// <param name="PageSize">Items per page.</param>
/// <param name="Total">Items over all pages.</param>
/// <param name="Route">The query values to keep (search, filters).</param>
public sealed record PageLinks(string PagePath, int Page, int PageSize, long Total, IReadOnlyDictionary<string, string?> Route)
{
    /// <summary>The number of pages (at least 1).</summary>
    public long Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The query values of page <paramref name="page"/>.</summary>
    public Dictionary<string, string?> For(int page) => new(Route, StringComparer.Ordinal) { ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}
