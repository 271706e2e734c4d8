using Microsoft.AspNetCore.Mvc;

namespace CinemaAuthHost.Errors;

/// <summary>Writes an RFC 9457 problem with a <c>code</c> through the framework's <see cref="IProblemDetailsService"/>.</summary>
internal static class ProblemWriter
{
    public static ValueTask<bool> WriteAsync(HttpContext context, Exception exception, int status, string code, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Detail = detail };
        problem.Extensions[ProblemCodeDefaults.CodeExtension] = code;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}
