using CinemaAuthHost.Data;
using CinemaAuthHost.Errors;
using CinemaAuthHost.Hosting;
using Microsoft.EntityFrameworkCore;

namespace CinemaAuthHost.Content;

/// <summary>
/// CRUD over minimal APIs, protected with <c>.RequirePermission()</c>: reading needs movies:read (on the group), changing
/// needs movies:write as well (on the endpoint).
/// </summary>
internal static class CrudEndpoints
{
    public static RouteGroupBuilder MapCrud<TEntity, TInput>(
        this IEndpointRouteBuilder app,
        string prefix,
        string noun,
        string singular,
        Func<CinemaDbContext, DbSet<TEntity>> set,
        Func<TInput, Dictionary<string, string[]>> validate,
        Action<TEntity, TInput> apply,
        Func<TimeProvider, TEntity> create,
        Func<TEntity, Guid> id,
        System.Linq.Expressions.Expression<Func<TEntity, string>> orderBy)
        where TEntity : class
        where TInput : class
    {
        var group = app.MapGroup(prefix).WithTags(noun).RequirePermission(CinemaPermissions.MoviesRead)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithMetadata(new ContentBodyLimitAttribute(ContentBodyLimitAttribute.Default));

        group.MapGet("/", async (int? page, int? pageSize, CinemaDbContext db, CancellationToken ct) =>
        {
            var paging = ContentProblems.Paging(page, pageSize);
            if (paging.Errors.Count > 0)
            {
                return (IResult)ContentProblems.Invalid(paging.Errors);
            }

            var query = set(db).AsNoTracking();
            var total = await query.LongCountAsync(ct);
            var items = await query.OrderBy(orderBy).Skip((paging.Page - 1) * paging.PageSize).Take(paging.PageSize).ToListAsync(ct);
            return TypedResults.Ok(new ContentPage<TEntity>(items, paging.Page, paging.PageSize, total));
        }).WithName($"List{noun}").WithSummary($"Lists {noun.ToLowerInvariant()}.").Produces<ContentPage<TEntity>>().ProducesValidationProblem();

        group.MapGet("/{id:guid}", async (Guid id, CinemaDbContext db, CancellationToken ct) =>
            await set(db).FindAsync([id], ct) is { } entity ? (IResult)TypedResults.Ok(entity) : ContentProblems.NotFound(singular))
            .WithName($"Get{noun}").WithSummary($"One of the {noun.ToLowerInvariant()}.").Produces<TEntity>().ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", async (TInput input, CinemaDbContext db, TimeProvider time, CancellationToken ct) =>
        {
            if (validate(input) is { Count: > 0 } errors)
            {
                return (IResult)ContentProblems.Invalid(errors);
            }

            var entity = create(time);
            apply(entity, input);
            set(db).Add(entity);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"{prefix}/{id(entity)}", entity);
        }).RequirePermission(CinemaPermissions.MoviesWrite).WithName($"Create{noun}").WithSummary($"Adds to {noun.ToLowerInvariant()}.")
            .Produces<TEntity>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapPut("/{id:guid}", async (Guid id, TInput input, CinemaDbContext db, CancellationToken ct) =>
        {
            if (validate(input) is { Count: > 0 } errors)
            {
                return (IResult)ContentProblems.Invalid(errors);
            }

            if (await set(db).FindAsync([id], ct) is not { } entity)
            {
                return ContentProblems.NotFound(singular);
            }

            apply(entity, input);
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(entity);
        }).RequirePermission(CinemaPermissions.MoviesWrite).WithName($"Update{noun}").WithSummary($"Replaces one of the {noun.ToLowerInvariant()}.")
            .Produces<TEntity>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapDelete("/{id:guid}", async (Guid id, CinemaDbContext db, CancellationToken ct) =>
        {
            if (await set(db).FindAsync([id], ct) is not { } entity)
            {
                return (IResult)ContentProblems.NotFound(singular);
            }

            set(db).Remove(entity);
            await db.SaveChangesAsync(ct);
            return TypedResults.NoContent();
        }).RequirePermission(CinemaPermissions.MoviesWrite).WithName($"Delete{noun}").WithSummary($"Deletes one of the {noun.ToLowerInvariant()}.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }
}
