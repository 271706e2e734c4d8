using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace RbacKit.AspNetCore;

/// <summary>Reads <c>page</c> and <c>pageSize</c> from the query; Core validates the ranges.</summary>
internal static class QueryPaging
{
    public const int DefaultPageSize = 20;

    /// <summary>The values, or <see langword="null"/> when one is not a whole number.</summary>
    public static (int Page, int PageSize)? Read(IQueryCollection query)
    {
        if (!TryRead(query, "page", 1, out var page) || !TryRead(query, "pageSize", DefaultPageSize, out var pageSize))
        {
            return null;
        }

        return (page, pageSize);
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
