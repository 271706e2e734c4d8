namespace CinemaAuthHost.Content;

/// <summary>A film of the catalogue.</summary>
public sealed class Movie
{
    public Guid Id { get; set; }
    public string Title { get; set; } = "";
    public int Year { get; set; }
    public string? Description { get; set; }
    public Guid? AuthorId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
