using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RbacKit.Accounts.Recovery;

namespace RbacKit.AspNetCore;

/// <summary>
/// Runs the queued recovery requests of <see cref="RecoveryRequestQueue"/> one at a time, in order, each in its own DI
/// scope through <see cref="IAccountRecoveryService"/> (which looks the address up and either mails a link or does
/// the decoy work). When the host stops, the queue closes and what is already queued still runs, within the host's
/// shutdown timeout. A failed request is logged (without the address) and dropped: the person asks again.
/// </summary>
internal sealed class RecoveryRequestWorker(
    RecoveryRequestQueue queue,
    IServiceScopeFactory scopes,
    ILogger<RecoveryRequestWorker> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _abort = new();
    private Task? _running;

    // Not a BackgroundService: it skips ExecuteAsync when the host stops before the loop starts, which would drop
    // requests already answered 202.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Task.Run(LoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // No new requests; the accepted ones still run. The shutdown timeout ends the drain and abandons the rest.
        queue.Complete();
        if (_running is not { } running)
        {
            return;
        }

        using var timeout = cancellationToken.Register(_abort.Cancel);
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose()
    {
        _abort.Cancel();
        _abort.Dispose();
    }

    private async Task LoopAsync()
    {
        try
        {
            await foreach (var request in queue.Reader.ReadAllAsync(_abort.Token).ConfigureAwait(false))
            {
                try
                {
                    await RunAsync(request, _abort.Token).ConfigureAwait(false);
                }
                finally
                {
                    queue.Finished();
                }
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
        }
    }

    internal async Task RunAsync(RecoveryRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var recovery = scope.ServiceProvider.GetRequiredService<IAccountRecoveryService>();
                var result = request.Kind == RecoveryRequestKind.ForgotPassword
                    ? await recovery.ForgotPasswordAsync(request.Email, cancellationToken).ConfigureAwait(false)
                    : await recovery.ResendConfirmationAsync(request.Email, cancellationToken).ConfigureAwait(false);
                if (!result.Succeeded)
                {
                    AspNetCoreLog.RecoveryRequestRefused(logger, request.Kind, result.Error.Code);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            AspNetCoreLog.RecoveryRequestFailed(logger, e, request.Kind);
        }
    }
}
