using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RbacKit.Secrets;

namespace RbacKit.Mail;

/// <summary>
/// Claims due messages (a conditional update per message, so two instances never hold the same one), sends each, deletes it
/// once accepted, or schedules the next attempt with exponential backoff. Delivery is at least once: a message whose send
/// succeeded but whose deletion failed is sent again after its claim expires.
/// </summary>
internal sealed class MailOutboxDispatcher(
    IMailOutboxStore store,
    IEmailSender sender,
    ISecretProtector protector,
    IOptions<MailOutboxOptions> options,
    TimeProvider time,
    ILogger<MailOutboxDispatcher> logger) : IMailOutboxDispatcher
{
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var claimId = IdGenerator.NewId(time);
        var now = time.GetUtcNow();
        var claimed = await store.ClaimAsync(claimId, now, now + settings.ClaimDuration, settings.BatchSize, cancellationToken).ConfigureAwait(false);
        var delivered = 0;
        foreach (var message in claimed)
        {
            try
            {
                var content = MailContent.Unprotect(protector, message.ProtectedContent);
                await sender.SendAsync(new EmailMessage(message.To, content.Subject, content.TextBody, content.HtmlBody), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var attempts = message.Attempts + 1;
                var next = time.GetUtcNow() + settings.DelayAfter(attempts);
                CoreLog.MailDeferred(logger, message.Id, attempts, next, e.GetType().Name, e.Message);
                await store.RetryLaterAsync(message.Id, claimId, next, Text.Truncate($"{e.GetType().Name}: {e.Message}", 500)!, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await store.CompleteAsync(message.Id, claimId, cancellationToken).ConfigureAwait(false);
            CoreLog.MailDelivered(logger, message.Id, message.Attempts + 1);
            delivered++;
        }

        return delivered;
    }
}
