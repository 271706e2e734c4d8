using Microsoft.Net.Http.Headers;

namespace RbacKit.AspNetCore;

/// <summary>The one request media type RbacKit reads as JSON.</summary>
internal static class JsonMediaType
{
    /// <summary>
    /// Whether <paramref name="contentType"/> is <c>application/json</c> (any case, parameters such as <c>charset</c>
    /// allowed). Structured-suffix types (<c>application/vnd.x+json</c>) and <c>text/json</c> are not: a body is read only
    /// as the type the OpenAPI document states.
    /// </summary>
    public static bool IsApplicationJson(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
}
