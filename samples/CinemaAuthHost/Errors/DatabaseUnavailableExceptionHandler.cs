using Microsoft.AspNetCore.Diagnostics;
using RbacKit.EntityFramework;

namespace CinemaAuthHost.Errors;

/// <summary>The database cannot be reached or cannot serve the request now: 503 <c>service_unavailable</c> with <c>Retry-After</c>, not 500.</summary>
internal sealed class DatabaseUnavailableExceptionHandler(DatabaseAvailability availability) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var errors = httpContext.RequestServices.GetRequiredService<IDatabaseErrors>();
        var failure = errors.Classify(exception);
        if (failure is not (DatabaseErrorKind.Unreachable or DatabaseErrorKind.Busy) || httpContext.Response.HasStarted)
        {
            return false;
        }

        if (failure == DatabaseErrorKind.Unreachable)
        {
            availability.ReportUnavailable(errors.Describe(exception));
        }
        else
        {
            availability.ReportBusy(errors.Describe(exception));
        }

        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await ProblemWriter.WriteAsync(httpContext, exception, StatusCodes.Status503ServiceUnavailable, CinemaProblemCodes.ServiceUnavailable,
            "The service is temporarily unavailable; retry later.");
    }
}
