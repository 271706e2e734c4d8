namespace CinemaAuthHost.Errors;

/// <summary>
/// Gives every problem body written through <see cref="IProblemDetailsService"/> (status-code pages, MVC client errors,
/// the exception handlers) a stable <c>code</c> from its status, unless it already has one (RbacKit's and the content
/// endpoints' problems keep theirs).
/// </summary>
internal static class ProblemCodeDefaults
{
    public const string CodeExtension = "code";

    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (!problem.Extensions.ContainsKey(CodeExtension))
        {
            problem.Extensions[CodeExtension] = CinemaProblemCodes.ForStatus(problem.Status ?? context.HttpContext.Response.StatusCode);
        }
    }
}
