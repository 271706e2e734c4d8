using CinemaAuthHost.Data;
using CinemaAuthHost.Errors;
using CinemaAuthHost.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using RbacKit.AspNetCore;

namespace CinemaAuthHost.Content;

/// <summary>Movies through an MVC controller, protected with <see cref="RequirePermissionAttribute"/>.</summary>
[ApiController]
[Route("movies")]
[Tags("Movies")]
[RequirePermission(CinemaPermissions.MoviesRead)]
[ContentBodyLimit(ContentBodyLimitAttribute.Default)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, "application/problem+json")]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
public sealed class MoviesController(CinemaDbContext db, TimeProvider time) : ControllerBase
{
    /// <summary>Lists movies, optionally filtered by title.</summary>
    [HttpGet]
    [EndpointName("ListMovies")]
    [ProducesResponseType<ContentPage<Movie>>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<HttpValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IResult> List([FromQuery] string? search, [FromQuery] int? page, [FromQuery] int? pageSize, CancellationToken ct)
    {
        var paging = ContentProblems.Paging(page, pageSize);
        if (paging.Errors.Count > 0 || search is { Length: > 200 })
        {
            return ContentProblems.Invalid(paging.Errors.Count > 0 ? paging.Errors : ContentProblems.Check(("search", "search must be at most 200 characters.")));
        }

        var query = db.Movies.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            query = query.Where(m => m.Title.Contains(search.Trim()));
        }

        var total = await query.LongCountAsync(ct);
        var items = await query.OrderBy(m => m.Title).ThenBy(m => m.Id).Skip((paging.Page - 1) * paging.PageSize).Take(paging.PageSize).ToListAsync(ct);
        return TypedResults.Ok(new ContentPage<Movie>(items, paging.Page, paging.PageSize, total));
    }

    /// <summary>One movie.</summary>
    [HttpGet("{id:guid}")]
    [EndpointName("GetMovies")]
    [ProducesResponseType<Movie>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IResult> Get(Guid id, CancellationToken ct) =>
        await db.Movies.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct) is { } movie ? TypedResults.Ok(movie) : ContentProblems.NotFound("movie");

    /// <summary>Adds a movie.</summary>
    [HttpPost]
    [EndpointName("CreateMovies")]
    [Consumes("application/json")]
    [RequirePermission(CinemaPermissions.MoviesWrite)]
    [ProducesResponseType<Movie>(StatusCodes.Status201Created, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    public async Task<IResult> Create([FromBody] MovieInput input, CancellationToken ct)
    {
        if (await ValidateAsync(input, ct) is { } invalid)
        {
            return invalid;
        }

        var movie = new Movie { Id = Guid.CreateVersion7(time.GetUtcNow()), CreatedAt = time.GetUtcNow() };
        Apply(movie, input);
        db.Movies.Add(movie);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/movies/{movie.Id}", movie);
    }

    /// <summary>Replaces a movie's fields.</summary>
    [HttpPut("{id:guid}")]
    [EndpointName("UpdateMovies")]
    [Consumes("application/json")]
    [RequirePermission(CinemaPermissions.MoviesWrite)]
    [ProducesResponseType<Movie>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")]
    public async Task<IResult> Update(Guid id, [FromBody] MovieInput input, CancellationToken ct)
    {
        if (await ValidateAsync(input, ct) is { } invalid)
        {
            return invalid;
        }

        var movie = await db.Movies.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (movie is null)
        {
            return ContentProblems.NotFound("movie");
        }

        Apply(movie, input);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(movie);
    }

    /// <summary>Deletes a movie.</summary>
    [HttpDelete("{id:guid}")]
    [EndpointName("DeleteMovies")]
    [RequirePermission(CinemaPermissions.MoviesWrite)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IResult> Delete(Guid id, CancellationToken ct) =>
        await db.Movies.Where(m => m.Id == id).ExecuteDeleteAsync(ct) == 1 ? TypedResults.NoContent() : ContentProblems.NotFound("movie");

    private static void Apply(Movie movie, MovieInput input)
    {
        movie.Title = input.Title!.Trim();
        movie.Year = input.Year!.Value;
        movie.Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        movie.AuthorId = input.AuthorId;
    }

    private async Task<IResult?> ValidateAsync(MovieInput? input, CancellationToken ct)
    {
        if (input is null)
        {
            return ContentProblems.Invalid(ContentProblems.Check(("body", "A JSON body is required.")));
        }

        var errors = ContentProblems.Check(
            ("title", ContentProblems.Text(input.Title, "title", 200)),
            ("year", input.Year is null or < 1888 or > 2100 ? "year must be between 1888 and 2100." : null),
            ("description", ContentProblems.Text(input.Description, "description", 2000, required: false)));
        if (errors.Count == 0 && input.AuthorId is { } authorId && !await db.Authors.AnyAsync(a => a.Id == authorId, ct))
        {
            errors["authorId"] = ["No author has this id."];
        }

        return errors.Count > 0 ? ContentProblems.Invalid(errors) : null;
    }
}
