using Microsoft.AspNetCore.Diagnostics;
using RbacKit;

namespace CinemaAuthHost.Errors;

/// <summary>
/// Input that does not bind (query or route value, JSON body, content type, body size) throws
/// <see cref="BadHttpRequestException"/> from the minimal-API binder (RouteHandlerOptions.ThrowOnBadRequest is on in every
/// environment) and from <see cref="ContentBodyLimitMiddleware"/>; it becomes a problem with the exception's 4xx status.
/// </summary>
internal sealed class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException { StatusCode: >= 400 and < 500 } bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        var (code, detail) = bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => (RbacErrorCodes.PayloadTooLarge, "The request body is too large."),
            StatusCodes.Status415UnsupportedMediaType => (RbacErrorCodes.UnsupportedMediaType, "The body must be JSON (Content-Type: application/json)."),
            _ => (CinemaProblemCodes.ForStatus(bad.StatusCode), "A query value, route value or the body could not be read."),
        };
        return await ProblemWriter.WriteAsync(httpContext, exception, bad.StatusCode, code, detail);
    }
}
