namespace RbacKit;

/// <summary>
/// Validated page arguments. A list pages by <c>page</c>/<c>pageSize</c> while shallow (up to <see cref="MaxOffset"/>
/// items deep) and by keyset <c>cursor</c> beyond: every page carries the <see cref="PagedResult{T}.NextCursor"/> of
/// the next one, and a request with a cursor ignores <c>page</c>.
/// </summary>
public static class Paging
{
    /// <summary>The largest page size any list accepts.</summary>
    public const int MaxPageSize = 100;

    /// <summary>How far offset paging reaches: <c>page * pageSize</c> above this answers 400 (use the cursor).</summary>
    public const int MaxOffset = 10_000;

    /// <summary>The most a list counts for <see cref="PagedResult{T}.Total"/>; beyond it the total is capped.</summary>
    public const int TotalCap = 10_000;

    /// <summary>How many rows a store counts at most: <see cref="TotalCap"/> + 1, to tell "exactly" from "more".</summary>
    public const int CountLimit = TotalCap + 1;

    /// <summary>Checks a 1-based page and a page size of 1 to <see cref="MaxPageSize"/>.</summary>
    internal static RbacError? Validate(int page, int pageSize)
    {
        if (page < 1 || page > 1_000_000)
        {
            return RbacError.Validation("page", "page must be between 1 and 1000000.");
        }

        return pageSize is < 1 or > MaxPageSize
            ? RbacError.Validation("pageSize", $"pageSize must be between 1 and {MaxPageSize}.")
            : null;
    }

    /// <summary>
    /// Checks the arguments of a list named <paramref name="list"/> whose sort key is of <paramref name="kind"/> and
    /// makes the request: with a <paramref name="cursor"/>, the page after it (and <paramref name="page"/> is ignored);
    /// without, the offset page, at most <see cref="MaxOffset"/> items deep. A malformed or edited cursor and a deeper
    /// offset fail validation (on <c>cursor</c> and <c>page</c>).
    /// </summary>
    internal static RbacError? Validate(int page, int pageSize, string? cursor, string list, PageKeyKind kind, out PageRequest request)
    {
        ArgumentNullException.ThrowIfNull(list);
        request = PageRequest.First(list, PageSize(pageSize));
        if (pageSize is < 1 or > MaxPageSize)
        {
            return RbacError.Validation("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        }

        if (!string.IsNullOrEmpty(cursor))
        {
            if (PageCursor.TryDecode(list, kind, cursor) is not { } after)
            {
                return RbacError.Validation("cursor", "cursor is not a cursor of this list; pass back a nextCursor unchanged.");
            }

            request = new PageRequest(list, after.Page, pageSize, after);
            return null;
        }

        if (page < 1 || (long)page * pageSize > MaxOffset)
        {
            return RbacError.Validation("page", $"page must be at least 1 and page * pageSize at most {MaxOffset}; go deeper with cursor (each page's nextCursor).");
        }

        request = new PageRequest(list, page, pageSize, null);
        return null;
    }

    private static int PageSize(int pageSize) => Math.Clamp(pageSize, 1, MaxPageSize);
}
