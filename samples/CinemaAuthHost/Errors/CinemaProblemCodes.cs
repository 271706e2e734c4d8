using RbacKit;

namespace CinemaAuthHost.Errors;

/// <summary>The <c>code</c> values of the host's own problem details; RbacKit's codes are reused where they fit.</summary>
internal static class CinemaProblemCodes
{
    /// <summary>A query value, route value or body could not be bound (400).</summary>
    public const string InvalidRequest = RbacErrorCodes.InvalidRequest;

    /// <summary>No such resource or route (404).</summary>
    public const string NotFound = RbacErrorCodes.NotFound;

    /// <summary>The route exists, the method does not (405).</summary>
    public const string MethodNotAllowed = "method_not_allowed";

    /// <summary>The database cannot be reached; retry later (503).</summary>
    public const string ServiceUnavailable = RbacErrorCodes.ServiceUnavailable;

    /// <summary>An unexpected failure (500).</summary>
    public const string InternalError = "internal_error";

    /// <summary>The code for a status that carries no more specific code.</summary>
    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => InvalidRequest,
        StatusCodes.Status401Unauthorized => RbacErrorCodes.Unauthenticated,
        StatusCodes.Status403Forbidden => RbacErrorCodes.Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => RbacErrorCodes.PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => RbacErrorCodes.UnsupportedMediaType,
        StatusCodes.Status503ServiceUnavailable => ServiceUnavailable,
        >= 500 => InternalError,
        _ => InvalidRequest,
    };

    /// <summary>A neutral detail for a problem that carries none.</summary>
    public static string DetailForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "A query value, route value or the body could not be read.",
        StatusCodes.Status401Unauthorized => "Authentication is required: send Authorization: Bearer <access token>.",
        StatusCodes.Status403Forbidden => "You do not have permission to do this.",
        StatusCodes.Status404NotFound => "No resource exists at this address.",
        StatusCodes.Status405MethodNotAllowed => "This address does not accept this method.",
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The body must be JSON (Content-Type: application/json).",
        StatusCodes.Status503ServiceUnavailable => "The service is temporarily unavailable; retry later.",
        >= 500 => "An unexpected error occurred.",
        _ => "The request could not be processed.",
    };
}
