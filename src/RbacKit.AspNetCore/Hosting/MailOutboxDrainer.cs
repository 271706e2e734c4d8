using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RbacKit.Mail;

namespace RbacKit.AspNetCore;

/// <summary>
/// Drains the mail outbox in the background: every <see cref="MailOutboxOptions.PollInterval"/> (at once again after a full
/// batch) it runs <see cref="IMailOutboxDispatcher"/> in a fresh scope. A database or SMTP outage only delays mail; every
/// instance runs one, and the store's atomic claims keep them from sending a message twice. A failing streak is
/// logged once as a warning (then at debug level) and its end once.
/// </summary>
internal sealed class MailOutboxDrainer(IServiceScopeFactory scopes, IOptions<MailOutboxOptions> options, TimeProvider time, ILogger<MailOutboxDrainer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var probe = scopes.CreateAsyncScope();
        await using (probe.ConfigureAwait(false))
        {
            if (probe.ServiceProvider.GetService<IEmailSender>() is null)
            {
                AspNetCoreLog.NoEmailSender(logger);
                return;
            }
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                int delivered;
                var scope = scopes.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    delivered = await scope.ServiceProvider.GetRequiredService<IMailOutboxDispatcher>().DispatchAsync(stoppingToken).ConfigureAwait(false);
                }

                if (failures > 0)
                {
                    AspNetCoreLog.OutboxDrainRecovered(logger, failures);
                    failures = 0;
                }

                wait = delivered >= settings.BatchSize ? TimeSpan.Zero : settings.PollInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The store is unreachable (database down): wait longer each time, up to the longest retry delay. One
                // warning per streak: the outage itself is the host's to report, not once every few seconds from here.
                wait = settings.DelayAfter(++failures);
                if (failures == 1)
                {
                    AspNetCoreLog.OutboxDrainFailed(logger, e, wait);
                }
                else
                {
                    AspNetCoreLog.OutboxDrainStillFailing(logger, e, failures, wait);
                }
            }

            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
