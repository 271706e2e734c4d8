using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace RbacKit.AspNetCore;

/// <summary>Reads the issuer's keys at start (without blocking start-up on failure) and again every refresh interval.</summary>
internal sealed class RemoteKeyRefresher(RemoteKeySource keys, IOptions<RbacKitResourceServerOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await keys.RefreshAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(options.Value.MetadataRefreshInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
