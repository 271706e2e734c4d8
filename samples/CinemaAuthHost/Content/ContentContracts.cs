namespace CinemaAuthHost.Content;

/// <summary>A page of content.</summary>
public sealed record ContentPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

/// <summary>The fields of a movie a client may set.</summary>
public sealed record MovieInput(string? Title, int? Year, string? Description = null, Guid? AuthorId = null);

/// <summary>The fields of an author a client may set.</summary>
public sealed record AuthorInput(string? Name, string? Biography = null);

/// <summary>The fields of a series a client may set.</summary>
public sealed record SeriesInput(string? Title, int? Seasons, string? Description = null);
