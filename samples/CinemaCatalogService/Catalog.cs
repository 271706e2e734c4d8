using System.Collections.Concurrent;

namespace CinemaCatalogService;

/// <summary>A catalogue entry.</summary>
public sealed record CatalogEntry(Guid Id, string Title, int Year);

/// <summary>The fields a client sends.</summary>
public sealed record CatalogEntryInput(string? Title, int? Year);

/// <summary>An in-memory catalogue: this service has no database of its own.</summary>
public sealed class Catalog
{
    private readonly ConcurrentDictionary<Guid, CatalogEntry> _entries = new();

    public IReadOnlyList<CatalogEntry> All() => [.. _entries.Values.OrderBy(e => e.Title, StringComparer.Ordinal)];

    public CatalogEntry Add(string title, int year)
    {
        var entry = new CatalogEntry(Guid.CreateVersion7(), title, year);
        _entries[entry.Id] = entry;
        return entry;
    }
}
