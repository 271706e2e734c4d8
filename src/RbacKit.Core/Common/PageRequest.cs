namespace RbacKit;

/// <summary>
/// A validated page of a list (see <see cref="Paging.Validate(int, int, string?, string, PageKeyKind, out PageRequest)"/>):
/// either an offset page (<see cref="After"/> null) or the page after a cursor. Stores read
/// <see cref="Offset"/>, <see cref="After"/> and <see cref="Take"/>, and build the answer with <c>ToResult</c>.
/// </summary>
public sealed class PageRequest
{
    internal PageRequest(string list, int page, int pageSize, PageCursor? after)
    {
        List = list;
        Page = page;
        PageSize = pageSize;
        After = after;
    }

    /// <summary>The list's name, which its cursors are bound to.</summary>
    public string List { get; }

    /// <summary>The 1-based page number (from the cursor, when there is one).</summary>
    public int Page { get; }

    /// <summary>The page size, 1 to <see cref="Paging.MaxPageSize"/>.</summary>
    public int PageSize { get; }

    /// <summary>The position to continue after, or <see langword="null"/> for an offset page.</summary>
    public PageCursor? After { get; }

    /// <summary>The rows to skip: 0 after a cursor, otherwise <c>(Page - 1) * PageSize</c> (at most <see cref="Paging.MaxOffset"/>).</summary>
    public int Offset => After is null ? (Page - 1) * PageSize : 0;

    /// <summary>The rows to fetch: one more than the page, to tell whether a next page exists.</summary>
    public int Take => PageSize + 1;

    /// <summary>The first page of <paramref name="list"/> (for callers that page internally).</summary>
    public static PageRequest First(string list, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, Paging.MaxPageSize);
        return new PageRequest(list, 1, pageSize, null);
    }

    /// <summary>
    /// The page from up to <see cref="Take"/> <paramref name="fetched"/> rows in list order and a count of at most
    /// <see cref="Paging.CountLimit"/>; the next cursor holds the text key and id of the page's last item.
    /// </summary>
    public PagedResult<T> ToResult<T>(IReadOnlyList<T> fetched, long count, Func<T, string> key, Func<T, Guid> id)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(id);
        return Build(fetched, count, last => PageCursor.After(key(last), id(last), Page + 1));
    }

    /// <summary>
    /// The page from up to <see cref="Take"/> <paramref name="fetched"/> rows in list order and a count of at most
    /// <see cref="Paging.CountLimit"/>; the next cursor holds the time and id of the page's last item.
    /// </summary>
    public PagedResult<T> ToResult<T>(IReadOnlyList<T> fetched, long count, Func<T, DateTimeOffset> key, Func<T, Guid> id)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(id);
        return Build(fetched, count, last => PageCursor.After(key(last), id(last), Page + 1));
    }

    private PagedResult<T> Build<T>(IReadOnlyList<T> fetched, long count, Func<T, PageCursor> next)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        var hasMore = fetched.Count > PageSize;
        var items = hasMore ? [.. fetched.Take(PageSize)] : fetched;
        return new PagedResult<T>(items, Page, PageSize, Math.Min(count, Paging.TotalCap))
        {
            HasMore = hasMore,
            NextCursor = hasMore ? next(items[^1]).Encode(List) : null,
            TotalIsCapped = count > Paging.TotalCap,
        };
    }
}
