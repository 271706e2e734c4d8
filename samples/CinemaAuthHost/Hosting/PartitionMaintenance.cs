using RbacKit.EntityFramework;

namespace CinemaAuthHost.Hosting;

/// <summary>On PostgreSQL, keeps three months of login-history partitions ahead, checking daily.</summary>
internal sealed partial class PartitionMaintenance(IServiceScopeFactory scopes, TimeProvider time, ILogger<PartitionMaintenance> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var partitions = scope.ServiceProvider.GetRequiredService<ILoginHistoryPartitions>();
                if (!partitions.IsSupported)
                {
                    return;
                }

                await partitions.EnsurePartitionsAsync(time.GetUtcNow(), 3, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.Failed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Login-history partition maintenance failed; retrying tomorrow")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
