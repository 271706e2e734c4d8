namespace RbacKit.Mail;

/// <summary>How the outbox is drained.</summary>
public sealed class MailOutboxOptions
{
    /// <summary>How often the hosted dispatcher looks for due mail. Default 1 second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages claimed per pass. Default 20.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claim holds; a message of a dispatcher that died is retried after it. Default 2 minutes.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The wait after the first failure; doubled after each further one. Default 2 seconds.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between attempts. Default 5 minutes. A message is retried until it is delivered.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait before attempt number <paramref name="failures"/> + 1.</summary>
    public TimeSpan DelayAfter(int failures)
    {
        var factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(RetryBaseDelay.Ticks * factor, MaxRetryDelay.Ticks));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
