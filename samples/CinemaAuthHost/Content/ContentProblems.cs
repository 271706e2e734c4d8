using Microsoft.AspNetCore.Http.HttpResults;

namespace CinemaAuthHost.Content;

/// <summary>RFC 9457 problems for the content endpoints, with the same <c>code</c> extension as RbacKit's.</summary>
internal static class ContentProblems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: 404, title: "Not Found", detail: $"The {what} was not found.", extensions: new Dictionary<string, object?> { ["code"] = "not_found" });

    public static ProblemHttpResult Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(statusCode: 400, title: "One or more validation errors occurred.", detail: "One or more fields are invalid.",
            extensions: new Dictionary<string, object?> { ["code"] = "validation_failed", ["errors"] = errors });

    public static Dictionary<string, string[]> Check(params (string Field, string? Error)[] checks) =>
        checks.Where(c => c.Error is not null).ToDictionary(c => c.Field, c => new[] { c.Error! }, StringComparer.Ordinal);

    public static string? Text(string? value, string label, int max, bool required = true) =>
        string.IsNullOrWhiteSpace(value)
            ? required ? $"The {label} is required." : null
            : value.Trim().Length > max || value.Any(char.IsControl) ? $"The {label} must be at most {max} characters without control characters." : null;

    public static (int Page, int PageSize, Dictionary<string, string[]> Errors) Paging(int? page, int? pageSize)
    {
        var p = page ?? 1;
        var size = pageSize ?? 20;
        return (p, size, Check(
            ("page", p is < 1 or > 1_000_000 ? "page must be between 1 and 1000000." : null),
            ("pageSize", size is < 1 or > 100 ? "pageSize must be between 1 and 100." : null)));
    }
}
