using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RbacKit.Mail;
using RbacKit.Secrets;
using RbacKit.Testing;
using RbacKit.Testing.Logging;

namespace RbacKit.Core.Tests;

/// <summary>The outbox dispatcher: delivered mail is deleted, a failure is retried later with exponential backoff, and one bad message never stops a batch.</summary>
public sealed class MailOutboxDispatcherTests : IDisposable
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStore store = new();
    private readonly ISecretProtector protector = new AesGcmSecretProtector(RandomNumberGenerator.GetBytes(32));
    private readonly RecordingSender sender = new();
    private readonly LogCapture logs = new();
    private readonly ILoggerFactory loggerFactory;
    private readonly MailOutboxOptions settings = new() { RetryBaseDelay = TimeSpan.FromSeconds(2), MaxRetryDelay = TimeSpan.FromMinutes(5), BatchSize = 20 };

    public MailOutboxDispatcherTests() => loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));

    public void Dispose() => loggerFactory.Dispose();

    private MailOutboxDispatcher Dispatcher() =>
        new(store, sender, protector, Options.Create(settings), time, loggerFactory.CreateLogger<MailOutboxDispatcher>());

    private Task QueueAsync(string to, string body = "Follow https://app.test/reset?token=secret-link") =>
        new MailOutbox(store, protector, time).EnqueueAsync(new EmailMessage(to, "Reset your password", body, $"<p>{body}</p>"), default);

    [Fact]
    public async Task Delivered_mail_is_sent_decrypted_and_deleted()
    {
        await QueueAsync("ada@example.com");
        await QueueAsync("grace@example.com");

        Assert.Equal(2, await Dispatcher().DispatchAsync(default));

        Assert.Equal(["ada@example.com", "grace@example.com"], sender.Sent.Select(m => m.To).Order());
        var ada = sender.Sent.Single(m => m.To == "ada@example.com");
        Assert.Equal(("Reset your password", "Follow https://app.test/reset?token=secret-link", "<p>Follow https://app.test/reset?token=secret-link</p>"), (ada.Subject, ada.TextBody, ada.HtmlBody));
        Assert.Empty(store.Outbox);
        Assert.Equal(0, await Dispatcher().DispatchAsync(default));
        Assert.Equal(2, sender.Sent.Count);
    }

    [Fact]
    public async Task A_failed_mail_is_retried_later_with_attempts_counted_and_the_wait_doubled()
    {
        sender.FailFor.Add("down@example.com");
        await QueueAsync("down@example.com");
        await QueueAsync("up@example.com");

        Assert.Equal(1, await Dispatcher().DispatchAsync(default));
        var queued = Assert.Single(store.Outbox);
        Assert.Equal(("down@example.com", 1, time.GetUtcNow() + TimeSpan.FromSeconds(2)), (queued.To, queued.Attempts, queued.NextAttemptAt));
        Assert.StartsWith("IOException: ", queued.LastError, StringComparison.Ordinal);
        Assert.Null(queued.ClaimId);

        // Not due yet: nothing is tried.
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await Dispatcher().DispatchAsync(default));
        Assert.Equal(1, sender.Attempts["down@example.com"]);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await Dispatcher().DispatchAsync(default));
        queued = Assert.Single(store.Outbox);
        Assert.Equal((2, time.GetUtcNow() + TimeSpan.FromSeconds(4)), (queued.Attempts, queued.NextAttemptAt));

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, await Dispatcher().DispatchAsync(default));
        Assert.Equal((3, time.GetUtcNow() + TimeSpan.FromSeconds(8)), (store.Outbox[0].Attempts, store.Outbox[0].NextAttemptAt));

        // The server is back: the next due attempt delivers it and the row goes.
        sender.FailFor.Clear();
        time.Advance(TimeSpan.FromSeconds(8));
        Assert.Equal(1, await Dispatcher().DispatchAsync(default));
        Assert.Empty(store.Outbox);
        Assert.Equal(4, sender.Attempts["down@example.com"]);

        var deferred = logs.WithEventId(1702);
        Assert.Equal(3, deferred.Count);
        Assert.All(deferred, e => Assert.DoesNotContain("secret-link", e.AllText(), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(5, 32)]
    [InlineData(8, 256)]
    [InlineData(9, 300)]
    [InlineData(1000, 300)]
    public void The_backoff_doubles_up_to_the_longest_delay(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), settings.DelayAfter(failures));

    [Fact]
    public async Task Undecryptable_content_is_deferred_without_stopping_the_batch()
    {
        await QueueAsync("first@example.com");
        time.Advance(TimeSpan.FromMilliseconds(1));
        var broken = new OutboxMessage
        {
            Id = IdGenerator.NewId(time),
            To = "broken@example.com",
            ProtectedContent = new AesGcmSecretProtector(RandomNumberGenerator.GetBytes(32)).Protect("{}"u8), // another key
            CreatedAt = time.GetUtcNow(),
            NextAttemptAt = time.GetUtcNow(),
        };
        await store.AddAsync(broken, default);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await QueueAsync("last@example.com");

        Assert.Equal(2, await Dispatcher().DispatchAsync(default));

        Assert.Equal(["first@example.com", "last@example.com"], sender.Sent.Select(m => m.To).Order());
        var left = Assert.Single(store.Outbox);
        Assert.Equal((broken.Id, 1), (left.Id, left.Attempts));
        Assert.Matches("^(AuthenticationTagMismatch|Cryptographic)Exception: ", left.LastError);
        Assert.DoesNotContain("broken@example.com", sender.Attempts.Keys);
    }

    private sealed class RecordingSender : IEmailSender
    {
        public ConcurrentBag<string> FailFor { get; } = [];

        public ConcurrentQueue<EmailMessage> SentQueue { get; } = new();

        public IReadOnlyList<EmailMessage> Sent => [.. SentQueue];

        public ConcurrentDictionary<string, int> Attempts { get; } = new(StringComparer.Ordinal);

        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            Attempts.AddOrUpdate(message.To, 1, (_, n) => n + 1);
            if (FailFor.Contains(message.To))
            {
                throw new IOException("Connection refused");
            }

            SentQueue.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}
