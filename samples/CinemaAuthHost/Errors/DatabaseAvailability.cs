using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CinemaAuthHost.Errors;

/// <summary>
/// Whether the database is known to be down: the first failure of an outage is logged once (never the connection
/// string, nor the exception message), the first connection opened afterwards ends the outage and logs that.
/// </summary>
internal sealed partial class DatabaseAvailability(ILogger<DatabaseAvailability> logger) : DbConnectionInterceptor
{
    private int _down;

    public bool IsDown => Volatile.Read(ref _down) == 1;

    public void ReportUnavailable(Exception exception)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            Log.Unavailable(logger, exception.GetBaseException().GetType().Name);
        }
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => ReportReachable();

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ReportReachable();
        return Task.CompletedTask;
    }

    private void ReportReachable()
    {
        if (Volatile.Read(ref _down) == 1 && Interlocked.Exchange(ref _down, 0) == 1)
        {
            Log.Reachable(logger);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5201, Level = LogLevel.Error, Message = "The database is unreachable ({Failure}); requests that need it get 503 until it is back")]
        public static partial void Unavailable(ILogger logger, string failure);

        [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "The database is reachable again")]
        public static partial void Reachable(ILogger logger);
    }
}
