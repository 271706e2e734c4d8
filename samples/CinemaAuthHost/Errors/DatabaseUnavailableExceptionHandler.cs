using Microsoft.AspNetCore.Diagnostics;

namespace CinemaAuthHost.Errors;

/// <summary>The database cannot be reached or cannot serve the request now: 503 <c>service_unavailable</c> with <c>Retry-After</c>, not 500.</summary>
internal sealed class DatabaseUnavailableExceptionHandler(DatabaseAvailability availability) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var failure = DatabaseFailures.Classify(exception);
        if (failure == DatabaseFailure.None || httpContext.Response.HasStarted)
        {
            return false;
        }

        if (failure == DatabaseFailure.Unreachable)
        {
            availability.ReportUnavailable(exception);
        }
        else
        {
            availability.ReportBusy(exception);
        }

        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await ProblemWriter.WriteAsync(httpContext, exception, StatusCodes.Status503ServiceUnavailable, CinemaProblemCodes.ServiceUnavailable,
            "The service is temporarily unavailable; retry later.");
    }
}
