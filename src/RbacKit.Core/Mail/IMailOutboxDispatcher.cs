namespace RbacKit.Mail;

/// <summary>Delivers queued mail: claims due messages, sends each through <see cref="IEmailSender"/>, and retries failures with backoff.</summary>
public interface IMailOutboxDispatcher
{
    /// <summary>One pass: claims up to a batch of due messages and tries each once. Returns how many were delivered.</summary>
    Task<int> DispatchAsync(CancellationToken cancellationToken);
}
