using Microsoft.AspNetCore.Http;

namespace RbacKit.AspNetCore;

/// <summary>RFC 6749 answers: JSON with <c>Cache-Control: no-store</c>; errors per section 5.2.</summary>
internal static class OAuthResults
{
    public static IResult Json<T>(HttpContext context, T value)
    {
        NoStore.Apply(context.Response);
        return RbacResults.Json(value);
    }

    public static IResult Error(HttpContext context, string error, string description, int status = StatusCodes.Status400BadRequest)
    {
        NoStore.Apply(context.Response);
        return RbacResults.Json(new OAuthErrorResponse(error, description), status);
    }

    /// <summary>401 <c>invalid_client</c>; <c>WWW-Authenticate: Basic</c> when the client tried (or should use) HTTP Basic (section 5.2).</summary>
    public static IResult InvalidClient(HttpContext context, string description)
    {
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"oauth\", charset=\"UTF-8\"";
        return Error(context, RbacErrorCodes.InvalidClient, description, StatusCodes.Status401Unauthorized);
    }
}
