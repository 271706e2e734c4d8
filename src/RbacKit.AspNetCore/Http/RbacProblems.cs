using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace RbacKit.AspNetCore;

/// <summary>Builds RFC 9457 problem details with a stable <c>code</c> extension.</summary>
internal static class RbacProblems
{
    public const string CodeExtension = "code";

    /// <summary>The <c>type</c> of every 429 problem (ASP.NET Core's defaults have none for 429): RFC 6585, section 4.</summary>
    public const string TooManyRequestsType = "https://tools.ietf.org/html/rfc6585#section-4";

    public static ProblemHttpResult FromError(RbacError error) =>
        Create(error.Kind.ToStatusCode(), error.Code, error.Message, error.Errors);

    /// <summary>The problem of <paramref name="error"/>, with its <see cref="RbacError.RetryAfter"/> as a <c>Retry-After</c> header.</summary>
    public static IResult FromErrorWithRetryAfter(RbacError error) =>
        error.RetryAfter is { } wait ? new RetryAfterResult(FromError(error), wait) : FromError(error);

    public static ProblemHttpResult Create(int status, string code, string? detail, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var problem = errors is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal));
        problem.Status = status;
        if (errors is not null && status != StatusCodes.Status400BadRequest)
        {
            // HttpValidationProblemDetails titles itself "One or more validation errors occurred."; a 403 or 409 is not that.
            problem.Title = ReasonPhrases.GetReasonPhrase(status);
        }

        if (status == StatusCodes.Status429TooManyRequests)
        {
            problem.Type = TooManyRequestsType;
        }

        problem.Detail = detail;
        problem.Extensions[CodeExtension] = code;
        return TypedResults.Problem(problem);
    }
}
