namespace RbacKit.AspNetCore;

/// <summary>
/// The <c>code</c> values of problem details that RbacKit's web layer adds to Core's <see cref="RbacErrorCodes"/>.
/// </summary>
public static class RbacKitProblemCodes
{
    /// <summary>No credentials were sent (401).</summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>The request body is not valid JSON of the expected shape (400).</summary>
    public const string InvalidJson = "invalid_json";

    /// <summary>The request body is not <c>application/json</c> (415).</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>The request body is larger than the endpoint accepts (413).</summary>
    public const string PayloadTooLarge = "payload_too_large";
}
