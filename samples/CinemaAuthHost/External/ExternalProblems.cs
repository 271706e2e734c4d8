using Microsoft.AspNetCore.Http.HttpResults;
using RbacKit;
using RbacKit.AspNetCore;

namespace CinemaAuthHost.External;

/// <summary>RFC 9457 problems of the external sign-in routes, with the same <c>code</c> extension as RbacKit's.</summary>
internal static class ExternalProblems
{
    public static ProblemHttpResult Create(string code, int status, string detail) =>
        TypedResults.Problem(statusCode: status, detail: detail, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult From(RbacError error) => Create(error.Code, error.Kind.ToStatusCode(), error.Message);
}
