using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RbacKit.Stores;

namespace RbacKit.AspNetCore;

/// <summary>
/// Writes the sightings of <see cref="SessionActivityTracker"/> through <see cref="ISessionStore.TouchAsync"/> every
/// <see cref="SessionOptions.LastSeenWriteInterval"/> and once more when the host stops. A failed write is kept for the
/// next round; the store only moves times forward, so instances and retries never undo each other.
/// </summary>
internal sealed class SessionActivityFlusher(
    SessionActivityTracker tracker,
    IServiceScopeFactory scopes,
    IOptions<RbacKitOptions> options,
    TimeProvider time,
    ILogger<SessionActivityFlusher> logger) : BackgroundService
{
    private const int BatchSize = 500;

    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Sessions.LastSeenWriteInterval;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
                await FlushAsync(stoppingToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The store is unreachable: the sightings wait for the next round. One warning per streak of failures.
                if (++failures == 1)
                {
                    AspNetCoreLog.LastSeenWriteFailed(logger, e);
                }
                else
                {
                    AspNetCoreLog.LastSeenWriteStillFailing(logger, e, failures);
                }
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            AspNetCoreLog.LastSeenWriteFailed(logger, e);
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    /// <summary>Writes every pending sighting now; returns how many were taken. One flush at a time, so a caller that returns sees earlier flushes done.</summary>
    internal async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var batch = tracker.Drain();
            if (batch.Count == 0)
            {
                return 0;
            }

            try
            {
                var scope = scopes.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    var store = scope.ServiceProvider.GetRequiredService<ISessionStore>();
                    foreach (var chunk in batch.Chunk(BatchSize))
                    {
                        await store.TouchAsync(chunk, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch
            {
                tracker.Return(batch);
                throw;
            }

            return batch.Count;
        }
        finally
        {
            _gate.Release();
        }
    }
}
