using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace RbacKit.AspNetCore;

/// <summary>
/// Reads the issuer's keys at start (without blocking start-up on failure) and again every refresh interval. A failed read
/// is retried soon (1 s, 2 s, 3 s ... at most 30 s apart), so a service started before its issuer loads the keys once the
/// issuer is up, instead of waiting a whole refresh interval or spending the rate-limited unknown-<c>kid</c> refresh.
/// </summary>
internal sealed class RemoteKeyRefresher(RemoteKeySource keys, IOptions<RbacKitResourceServerOptions> options, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var failures = 0;
            while (!stoppingToken.IsCancellationRequested)
            {
                failures = await keys.RefreshAsync(stoppingToken).ConfigureAwait(false) ? 0 : failures + 1;
                await Task.Delay(NextDelay(failures, options.Value.MetadataRefreshInterval), time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>The wait before the next read: the refresh interval after a success, a short growing delay after failures.</summary>
    internal static TimeSpan NextDelay(int failures, TimeSpan refreshInterval)
    {
        if (failures == 0)
        {
            return refreshInterval;
        }

        var retry = TimeSpan.FromSeconds(Math.Min(failures, MaxRetryDelay.TotalSeconds));
        return retry < refreshInterval ? retry : refreshInterval;
    }
}
