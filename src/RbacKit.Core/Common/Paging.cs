namespace RbacKit;

/// <summary>Validated page arguments.</summary>
public static class Paging
{
    /// <summary>The largest page size any list accepts.</summary>
    public const int MaxPageSize = 100;

    /// <summary>Checks a 1-based page and a page size of 1 to <see cref="MaxPageSize"/>.</summary>
    public static RbacError? Validate(int page, int pageSize)
    {
        if (page < 1 || page > 1_000_000)
        {
            return RbacError.Validation("page", "page must be between 1 and 1000000.");
        }

        return pageSize is < 1 or > MaxPageSize
            ? RbacError.Validation("pageSize", $"pageSize must be between 1 and {MaxPageSize}.")
            : null;
    }
}
