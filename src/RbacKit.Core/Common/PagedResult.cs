namespace RbacKit;

/// <summary>One page of a list, newest or best first as the source documents.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items of this page.</param>
/// <param name="Page">
/// The 1-based page number. For a request by cursor it is the number the cursor carries (one more than the page it
/// was taken from), so a walk by cursor still counts its pages.
/// </param>
/// <param name="PageSize">The requested page size.</param>
/// <param name="Total">
/// The number of items over all pages, counted up to 10,000 (<c>Paging.TotalCap</c>) on every page: when there are
/// more, <c>totalIsCapped</c> is true and this is 10,000 (read "more than"). No request counts a large set exactly.
/// </param>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total)
{
    /// <summary>
    /// The opaque cursor of the next page (pass it back as <c>cursor=</c>), or <see langword="null"/> on the last page.
    /// It carries the sort key and id of this page's last item, no secret, and grants nothing.
    /// </summary>
    public string? NextCursor { get; init; }

    /// <summary>Whether a next page exists (then <c>nextCursor</c> is set).</summary>
    public bool HasMore { get; init; }

    /// <summary>Whether the count stopped at 10,000 (<c>Paging.TotalCap</c>): there are more than <c>total</c> items.</summary>
    public bool TotalIsCapped { get; init; }

    /// <summary>The same page with every item converted, keeping the page, counts and cursor.</summary>
    public PagedResult<TResult> Map<TResult>(Func<T, TResult> selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        return new PagedResult<TResult>([.. Items.Select(selector)], Page, PageSize, Total)
        {
            NextCursor = NextCursor,
            HasMore = HasMore,
            TotalIsCapped = TotalIsCapped,
        };
    }
}
