using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace RbacKit.AspNetCore;

/// <summary>Reads <c>page</c>, <c>pageSize</c> and <c>cursor</c> from the query; Core validates the ranges and decodes the cursor.</summary>
internal static class QueryPaging
{
    public const int DefaultPageSize = 20;

    /// <summary>The values, or <see langword="null"/> when <c>page</c> or <c>pageSize</c> is not a whole number.</summary>
    public static (int Page, int PageSize, string? Cursor)? Read(IQueryCollection query)
    {
        if (!TryRead(query, "page", 1, out var page) || !TryRead(query, "pageSize", DefaultPageSize, out var pageSize))
        {
            return null;
        }

        var cursor = query["cursor"].ToString();
        return (page, pageSize, cursor.Length == 0 ? null : cursor);
    }

    private static bool TryRead(IQueryCollection query, string name, int fallback, out int value)
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
