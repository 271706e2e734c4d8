namespace CinemaAuthHost.Content;

/// <summary>A television series.</summary>
public sealed class Series
{
    public Guid Id { get; set; }
    public string Title { get; set; } = "";
    public int Seasons { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
