namespace CinemaAuthHost.Content;

/// <summary>A director or writer.</summary>
public sealed class Author
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string? Biography { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
