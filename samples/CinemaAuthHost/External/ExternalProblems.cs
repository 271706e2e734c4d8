using Microsoft.AspNetCore.Http.HttpResults;
using RbacKit;

namespace CinemaAuthHost.External;

/// <summary>RFC 9457 problems of the external sign-in routes, with the same <c>code</c> extension as RbacKit's.</summary>
internal static class ExternalProblems
{
    public static ProblemHttpResult Create(string code, int status, string detail) =>
        TypedResults.Problem(statusCode: status, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult From(RbacError error) => Create(error.Code, error.Kind switch
    {
        RbacErrorKind.Validation => StatusCodes.Status400BadRequest,
        RbacErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        RbacErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        RbacErrorKind.NotFound => StatusCodes.Status404NotFound,
        RbacErrorKind.Conflict => StatusCodes.Status409Conflict,
        RbacErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status400BadRequest,
    }, error.Message);
}
