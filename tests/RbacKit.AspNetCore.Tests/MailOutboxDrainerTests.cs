using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RbacKit.Mail;
using RbacKit.Testing.Logging;

namespace RbacKit.AspNetCore.Tests;

/// <summary>
/// The background drainer logs an outage once: a warning (2802) when a failing streak starts, debug (2803) while it lasts,
/// information (2804) when it ends; the next streak warns again.
/// </summary>
public sealed class MailOutboxDrainerTests
{
    [Fact]
    public async Task A_failing_streak_warns_once_then_logs_at_debug_and_its_end_once()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var logs = new LogCapture();
        // fail, fail, fail, ok | fail, ok
        var dispatcher = new ScriptedDispatcher([false, false, false, true, false, true]);
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton<TimeProvider>(time);
        services.AddOptions<MailOutboxOptions>().Configure(o =>
        {
            o.PollInterval = TimeSpan.FromSeconds(1);
            o.RetryBaseDelay = TimeSpan.FromSeconds(2);
            o.MaxRetryDelay = TimeSpan.FromMinutes(5);
        });
        services.AddSingleton<IEmailSender, NoSender>();
        services.AddSingleton<IMailOutboxDispatcher>(dispatcher);
        services.AddSingleton<MailOutboxDrainer>();
        await using var provider = services.BuildServiceProvider();
        var drainer = provider.GetRequiredService<MailOutboxDrainer>();

        await drainer.StartAsync(default);
        try
        {
            // Bounded: fake time moves one second per step (the drainer waits on it) until every scripted pass ran.
            for (var step = 0; step < 2000 && (dispatcher.Calls < 6 || logs.WithEventId(2804).Count < 2); step++)
            {
                await Task.Delay(10);
                if (dispatcher.Calls < 6)
                {
                    time.Advance(TimeSpan.FromSeconds(1));
                }
            }
        }
        finally
        {
            await drainer.StopAsync(default);
        }

        Assert.True(dispatcher.Calls >= 6, $"only {dispatcher.Calls} passes ran");
        var drainLogs = logs.Entries.Where(e => e.EventId.Id is 2802 or 2803 or 2804).Select(e => (e.EventId.Id, e.Level)).ToList();
        Assert.Equal(
            [(2802, LogLevel.Warning), (2803, LogLevel.Debug), (2803, LogLevel.Debug), (2804, LogLevel.Information), (2802, LogLevel.Warning), (2804, LogLevel.Information)],
            drainLogs);
        var recovered = logs.WithEventId(2804);
        Assert.Equal([3, 1], recovered.Select(e => Convert.ToInt32(e["Attempts"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(TimeSpan.FromSeconds(2), logs.WithEventId(2802)[0]["Delay"]);
        Assert.Equal([TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)], logs.WithEventId(2803).Select(e => (TimeSpan)e["Delay"]!));
        Assert.All(logs.WithEventId(2802), e => Assert.IsType<InvalidOperationException>(e.Exception));
    }

    private sealed class ScriptedDispatcher(bool[] script) : IMailOutboxDispatcher
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<int> DispatchAsync(CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls) - 1;
            return call >= script.Length || script[call]
                ? Task.FromResult(0)
                : throw new InvalidOperationException("The database is unreachable.");
        }
    }

    private sealed class NoSender : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
