using Microsoft.AspNetCore.Mvc;

namespace CinemaAuthHost.Errors;

/// <summary>
/// MVC's answer to input that does not bind (the movies controller): a 400 <c>invalid_request</c> problem whose
/// <c>errors</c> name the field (<c>year</c>, <c>body</c> for the document as a whole) with a neutral message. The
/// framework's own messages are dropped: they carry JSON reader positions and internal type names
/// ("could not be converted to CinemaAuthHost.Content.MovieInput").
/// </summary>
internal static class InvalidModelStateProblems
{
    public const string Detail = "The body is not valid JSON of the expected shape.";

    public static IServiceCollection AddInvalidModelStateProblems(this IServiceCollection services) =>
        services.PostConfigure<ApiBehaviorOptions>(o => o.InvalidModelStateResponseFactory = Create);

    public static IActionResult Create(ActionContext context)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, entry) in context.ModelState)
        {
            if (entry.Errors.Count == 0)
            {
                continue;
            }

            var field = FieldName(key);
            errors[field] = [field == "body" ? "The body could not be read as JSON of the expected shape." : $"The value of {field} could not be read."];
        }

        // A body that fails to parse also reports the action's parameter as missing; the parse error says it all.
        if (errors.Count > 1)
        {
            foreach (var parameter in context.ActionDescriptor.Parameters)
            {
                errors.Remove(parameter.Name);
            }
        }

        var problem = new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Bad Request",
            Detail = Detail,
        };
        problem.Extensions[ProblemCodeDefaults.CodeExtension] = CinemaProblemCodes.InvalidRequest;
        return new ProblemResult(problem);
    }

    /// <summary>Writes through <see cref="IProblemDetailsService"/> like every other problem (type, traceId, code).</summary>
    private sealed class ProblemResult(ProblemDetails problem) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var http = context.HttpContext;
            http.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
        }
    }

    private static string FieldName(string key)
    {
        if (key is "$" or "")
        {
            return "body";
        }

        var name = key.StartsWith("$.", StringComparison.Ordinal) ? key[2..] : key;
        return name.Length == 0 ? "body" : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
