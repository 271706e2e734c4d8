using Microsoft.Extensions.Options;
using RbacKit;
using RbacKit.EntityFramework;

namespace CinemaAuthHost.Hosting;

/// <summary>
/// Daily login-history maintenance: on PostgreSQL keeps three months of partitions ahead; on every provider deletes what
/// is older than <c>RbacKit:LoginHistory:Retention</c> (dropping whole months of partitions on PostgreSQL).
/// </summary>
internal sealed partial class PartitionMaintenance(IServiceScopeFactory scopes, IOptions<RbacKitOptions> options, TimeProvider time, ILogger<PartitionMaintenance> logger) : BackgroundService
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
                var now = time.GetUtcNow();
                await partitions.EnsurePartitionsAsync(now, 3, stoppingToken);
                await partitions.DeleteOlderThanAsync(now - options.Value.LoginHistory.Retention, stoppingToken);
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
        [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Login-history maintenance (partitions, retention) failed; retrying tomorrow")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
