using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace CinemaAuthHost.Errors;

/// <summary>
/// Whether the database is known to be down: the first failure of an outage is logged once (never the connection
/// string, nor the exception message), and the connection pools are cleared, so no connection broken by the outage is
/// handed out once the database is back; the first command that succeeds afterwards ends the outage and logs that.
/// </summary>
internal sealed partial class DatabaseAvailability(ILogger<DatabaseAvailability> logger) : DbCommandInterceptor
{
    private int _down;

    public bool IsDown => Volatile.Read(ref _down) == 1;

    public void ReportUnavailable(Exception exception)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            Log.Unavailable(logger, exception.GetBaseException().GetType().Name);
            NpgsqlConnection.ClearAllPools();
            SqliteConnection.ClearAllPools();
        }
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) =>
        Reachable(result);

    public override ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Reachable(result));

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result) => Reachable(result);

    public override ValueTask<int> NonQueryExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Reachable(result));

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result) => Reachable(result);

    public override ValueTask<object?> ScalarExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Reachable(result));

    private T Reachable<T>(T result)
    {
        ReportReachable();
        return result;
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
