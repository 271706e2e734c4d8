using Microsoft.AspNetCore.Http;

namespace RbacKit.AspNetCore;

/// <summary>The HTTP status of each <see cref="RbacErrorKind"/>, as RbacKit's endpoints answer it.</summary>
public static class RbacErrorKindExtensions
{
    /// <summary>The status for <paramref name="kind"/>: 400, 401, 403, 404, 409 or 429 (400 for anything else).</summary>
    /// <param name="kind">The kind of a Core error.</param>
    /// <returns>The HTTP status code.</returns>
    public static int ToStatusCode(this RbacErrorKind kind) => kind switch
    {
        RbacErrorKind.Validation => StatusCodes.Status400BadRequest,
        RbacErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
        RbacErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        RbacErrorKind.NotFound => StatusCodes.Status404NotFound,
        RbacErrorKind.Conflict => StatusCodes.Status409Conflict,
        RbacErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status400BadRequest,
    };
}
