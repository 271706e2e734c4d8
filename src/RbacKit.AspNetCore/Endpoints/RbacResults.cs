using Microsoft.AspNetCore.Http;

namespace RbacKit.AspNetCore;

/// <summary>Success and failure results written with RbacKit's JSON contract.</summary>
internal static class RbacResults
{
    public static IResult Json<T>(T value, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(value, RbacKitJson.Options, statusCode: status);

    /// <summary>A token-bearing response: never cached (RFC 6749, section 5.1).</summary>
    public static IResult NoStore<T>(HttpContext context, T value)
    {
        AspNetCore.NoStore.Apply(context.Response);
        return Json(value);
    }

    public static IResult From<T>(RbacResult<T> result, int status = StatusCodes.Status200OK) =>
        result.Succeeded ? Json(result.Value, status) : RbacProblems.FromErrorWithRetryAfter(result.Error);

    public static IResult From(RbacResult result) =>
        result.Succeeded ? TypedResults.NoContent() : RbacProblems.FromErrorWithRetryAfter(result.Error);
}
