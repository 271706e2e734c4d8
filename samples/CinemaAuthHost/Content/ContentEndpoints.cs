namespace CinemaAuthHost.Content;

/// <summary>Authors and series, on minimal APIs.</summary>
internal static class ContentEndpoints
{
    public static void MapCinemaContent(this IEndpointRouteBuilder app)
    {
        app.MapCrud<Author, AuthorInput>("/authors", "Authors", "author", db => db.Authors,
            input => ContentProblems.Check(
                ("name", ContentProblems.Text(input.Name, "name", 200)),
                ("biography", ContentProblems.Text(input.Biography, "biography", 2000, required: false))),
            (author, input) =>
            {
                author.Name = input.Name!.Trim();
                author.Biography = string.IsNullOrWhiteSpace(input.Biography) ? null : input.Biography.Trim();
            },
            time => new Author { Id = Guid.CreateVersion7(time.GetUtcNow()), CreatedAt = time.GetUtcNow() },
            author => author.Id,
            author => author.Name);

        app.MapCrud<Series, SeriesInput>("/series", "Series", "series", db => db.Series,
            input => ContentProblems.Check(
                ("title", ContentProblems.Text(input.Title, "title", 200)),
                ("seasons", input.Seasons is null or < 1 or > 100 ? "seasons must be between 1 and 100." : null),
                ("description", ContentProblems.Text(input.Description, "description", 2000, required: false))),
            (series, input) =>
            {
                series.Title = input.Title!.Trim();
                series.Seasons = input.Seasons!.Value;
                series.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
            },
            time => new Series { Id = Guid.CreateVersion7(time.GetUtcNow()), CreatedAt = time.GetUtcNow() },
            series => series.Id,
            series => series.Title);
    }
}
