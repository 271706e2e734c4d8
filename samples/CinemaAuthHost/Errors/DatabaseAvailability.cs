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
internal sealed partial class DatabaseAvailability(ILogger<DatabaseAvailability> logger, TimeProvider time) : DbCommandInterceptor
{
    /// <summary>Pools are cleared at most this often: a flapping database must not make every request reconnect.</summary>
    private static readonly TimeSpan ClearInterval = TimeSpan.FromSeconds(5);

    /// <summary>"Busy" failures are logged at most this often.</summary>
    private static readonly TimeSpan BusyLogInterval = TimeSpan.FromSeconds(10);

    private int _down;
    private long _lastClear = long.MinValue;
    private long _lastBusyLog = long.MinValue;

    /// <summary>A request met an outage; <paramref name="failure"/> is the secret-free label of <c>IDatabaseErrors.Describe</c>.</summary>
    public void ReportUnavailable(string failure)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            Log.Unavailable(logger, failure);
            if (Due(ref _lastClear, ClearInterval))
            {
                NpgsqlConnection.ClearAllPools();
                SqliteConnection.ClearAllPools();
            }
        }
    }

    /// <summary>The database answered but could not serve the request now (saturated, conflict): logged, rate-limited.</summary>
    public void ReportBusy(string failure)
    {
        if (Due(ref _lastBusyLog, BusyLogInterval))
        {
            Log.Busy(logger, failure);
        }
    }

    /// <summary>True, and the stamp moved to now, when <paramref name="interval"/> has passed since <paramref name="stamp"/>.</summary>
    private bool Due(ref long stamp, TimeSpan interval)
    {
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref stamp);
        return (last == long.MinValue || time.GetElapsedTime(last, now) >= interval)
            && Interlocked.CompareExchange(ref stamp, now, last) == last;
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

        [LoggerMessage(EventId = 5203, Level = LogLevel.Warning, Message = "The database could not serve a request now ({Failure}); it got 503 (logged at most every 10 s)")]
        public static partial void Busy(ILogger logger, string failure);
    }
}
