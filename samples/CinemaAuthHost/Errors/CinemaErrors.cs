using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CinemaAuthHost.Errors;

/// <summary>
/// Every error as an RFC 9457 problem with a stable <c>code</c>, the same in every environment: unbindable input 4xx,
/// an unreachable database 503, anything else 500.
/// </summary>
internal static class CinemaErrors
{
    public static IServiceCollection AddCinemaErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails += ProblemCodeDefaults.Apply);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddInvalidModelStateProblems();
        services.TryAddSingleton<DatabaseAvailability>();
        services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }

    /// <summary>
    /// EF Core logs every failed query and connection at Error; an outage would log one per request. The exception
    /// handler logs failures instead (an outage once, via <see cref="DatabaseAvailability"/>).
    /// </summary>
    public static DbContextOptionsBuilder UseCinemaErrors(this DbContextOptionsBuilder options, IServiceProvider services) =>
        options.AddInterceptors(services.GetRequiredService<DatabaseAvailability>())
            .ConfigureWarnings(w => w.Log(
                (CoreEventId.QueryIterationFailed, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug),
                (RelationalEventId.ConnectionError, LogLevel.Debug),
                (RelationalEventId.CommandError, LogLevel.Debug),
                (RelationalEventId.TransactionError, LogLevel.Debug)));
}
