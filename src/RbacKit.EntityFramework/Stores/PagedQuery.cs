using Microsoft.EntityFrameworkCore;

namespace RbacKit.EntityFramework;

/// <summary>A page and its capped count read together.</summary>
internal static class PagedQuery
{
    /// <summary>
    /// Reads <paramref name="page"/> with, as an uncorrelated subquery the database runs once, the count of
    /// <paramref name="all"/> capped at <see cref="Paging.CountLimit"/>: one statement and one round trip instead of two.
    /// A page that returns no row counts on its own, unless it is the first (then nothing matches).
    /// </summary>
    public static async Task<(List<T> Items, long Count)> ReadAsync<T>(IQueryable<T> page, IQueryable<T> all, PageRequest request, CancellationToken cancellationToken)
    {
        var rows = await page.Select(item => new { Item = item, Total = all.Take(Paging.CountLimit).LongCount() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var count = rows.Count > 0 ? rows[0].Total
            : request.After is null && request.Offset == 0 ? 0
            : await all.Take(Paging.CountLimit).LongCountAsync(cancellationToken).ConfigureAwait(false);
        return (rows.ConvertAll(r => r.Item), count);
    }
}
