using Microsoft.AspNetCore.WebUtilities;

namespace CinemaAuthHost.Errors;

/// <summary>
/// Gives every problem body written through <see cref="IProblemDetailsService"/> (status-code pages, MVC client errors,
/// the exception handlers, RbacKit's and the content endpoints' problems) one shape: <c>type</c>, <c>title</c>,
/// <c>status</c>, <c>detail</c> and a stable <c>code</c> (from its status unless it already has one). A title that does
/// not describe the status (the framework's validation title on a 403) becomes the status's reason phrase.
/// </summary>
internal static class ProblemCodeDefaults
{
    public const string CodeExtension = "code";
    public const string ValidationTitle = "One or more validation errors occurred.";

    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        if (!problem.Extensions.ContainsKey(CodeExtension))
        {
            problem.Extensions[CodeExtension] = CinemaProblemCodes.ForStatus(status);
        }

        if (string.IsNullOrEmpty(problem.Title) || (problem.Title == ValidationTitle && status != StatusCodes.Status400BadRequest))
        {
            problem.Title = ReasonPhrases.GetReasonPhrase(status);
        }

        if (string.IsNullOrEmpty(problem.Detail))
        {
            problem.Detail = CinemaProblemCodes.DetailForStatus(status);
        }
    }
}
