using Microsoft.AspNetCore.Http.Extensions;
using RbacKit;

namespace CinemaAuthHost.Pages.Admin;

/// <summary>
/// Previous/next links of a paged list: plain GET links with <c>?page=</c> (built by hand: for Razor Pages a route value
/// named <c>page</c> is the page's own name).
/// </summary>
/// <param name="Path">The URL path of the list.</param>
/// <param name="Page">The 1-based page shown.</param>
/// <param name="PageSize">Items per page.</param>
/// <param name="Total">Items over all pages.</param>
/// <param name="Query">The query values to keep (search, filters).</param>
/// <param name="TotalIsCapped">Whether the count stopped at <see cref="Paging.TotalCap"/> (there are more).</param>
public sealed record PageLinks(string Path, int Page, int PageSize, long Total, IReadOnlyDictionary<string, string?> Query, bool TotalIsCapped = false)
{
    /// <summary>Whether a next page can be opened by number (offset paging stops at <see cref="Paging.MaxOffset"/>).</summary>
    public bool HasNext => Page < Pages && (long)Page * PageSize < Paging.MaxOffset;

    /// <summary>"22 in all", or "more than 10000" when the count is capped.</summary>
    public string Count => TotalIsCapped ? $"more than {Total}" : $"{Total} in all";

    /// <summary>The number of pages (at least 1).</summary>
    public long Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The URL of page <paramref name="page"/>.</summary>
    public string Href(long page)
    {
        var query = new QueryBuilder();
        foreach (var (key, value) in Query)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(key, value);
            }
        }

        if (page > 1)
        {
            query.Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return Path + query.ToQueryString();
    }
}
