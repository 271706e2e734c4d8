using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using RbacKit.Accounts.Recovery;
using RbacKit.Testing.Logging;

namespace RbacKit.AspNetCore.Tests;

/// <summary>
/// <c>POST /auth/forgot-password</c> and <c>/auth/resend-confirmation</c> answer once the request is queued; the worker
/// runs the lookup and the mail afterwards, in order, and still runs what was queued when the host stops. A full queue
/// answers 503 with <c>Retry-After</c> for any address; a malformed address is refused before anything is queued.
/// </summary>
public sealed class RecoveryRequestQueueTests
{
    [Fact]
    public async Task The_worker_runs_queued_requests_in_order_and_drains_the_queue_when_the_host_stops()
    {
        var recovery = new RecordingRecovery();
        var (provider, queue, worker, _) = Build(recovery);
        await using (provider)
        {
            await worker.StartAsync(default);
            Assert.True(queue.TryEnqueue(new RecoveryRequest(RecoveryRequestKind.ForgotPassword, "a@example.com")));
            Assert.True(queue.TryEnqueue(new RecoveryRequest(RecoveryRequestKind.ResendConfirmation, "b@example.com")));
            Assert.True(queue.TryEnqueue(new RecoveryRequest(RecoveryRequestKind.ForgotPassword, "c@example.com")));
            await worker.StopAsync(default);

            Assert.Equal(["forgot a@example.com", "resend b@example.com", "forgot c@example.com"], recovery.Calls);
            Assert.False(queue.TryEnqueue(new RecoveryRequest(RecoveryRequestKind.ForgotPassword, "late@example.com")));
        }
    }

    [Fact]
    public async Task A_failing_request_is_logged_without_its_address_and_the_next_one_still_runs()
    {
        var recovery = new RecordingRecovery { FailFor = "broken@example.com" };
        var (provider, queue, worker, logs) = Build(recovery);
        await using (provider)
        {
            await worker.StartAsync(default);
            queue.TryEnqueue(new RecoveryRequest(RecoveryRequestKind.ForgotPassword, "broken@example.com"));
            queue.TryEnqueue(new RecoveryRequest(RecoveryRequestKind.ForgotPassword, "fine@example.com"));
            await worker.StopAsync(default);

            Assert.Equal(["forgot broken@example.com", "forgot fine@example.com"], recovery.Calls);
            var failed = Assert.Single(logs.WithEventId(2811));
            Assert.Equal(LogLevel.Error, failed.Level);
            Assert.DoesNotContain("broken@example.com", failed.Message, StringComparison.Ordinal);
            Assert.IsType<InvalidOperationException>(failed.Exception);
        }
    }

    [Fact]
    public void A_bounded_queue_refuses_beyond_its_capacity()
    {
        var queue = new RecoveryRequestQueue(2);
        Assert.True(queue.TryEnqueue(new RecoveryRequest(RecoveryRequestKind.ForgotPassword, "a@example.com")));
        Assert.True(queue.TryEnqueue(new RecoveryRequest(RecoveryRequestKind.ForgotPassword, "b@example.com")));
        Assert.False(queue.TryEnqueue(new RecoveryRequest(RecoveryRequestKind.ForgotPassword, "c@example.com")));
        Assert.True(queue.StartsFullStreak());
        Assert.False(queue.StartsFullStreak());
    }

    [Fact]
    public async Task A_full_queue_answers_503_with_retry_after_for_known_and_unknown_addresses_alike()
    {
        await using var host = await AuthHost.StartAsync(o => o.Services = services =>
        {
            // One slot and no worker: the first request fills the queue.
            services.Replace(ServiceDescriptor.Singleton(new RecoveryRequestQueue(1)));
            foreach (var worker in services.Where(d => d.ImplementationType == typeof(RecoveryRequestWorker)).ToList())
            {
                services.Remove(worker);
            }
        });
        var known = AuthHost.NewEmail();
        await host.RegisterAsync(known);

        Assert.Equal(HttpStatusCode.Accepted, (await host.Client.PostAsJsonAsync("/auth/forgot-password", new { email = "first@example.com" })).StatusCode);
        foreach (var email in new[] { known, "nobody@example.com" })
        {
            var busy = await host.Client.PostAsJsonAsync("/auth/forgot-password", new { email });
            await busy.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
            Assert.Equal("5", busy.Headers.GetValues("Retry-After").Single());
        }

        await (await host.Client.PostAsJsonAsync("/auth/forgot-password", new { email = "not an address" })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    private static (ServiceProvider Provider, RecoveryRequestQueue Queue, RecoveryRequestWorker Worker, LogCapture Logs) Build(RecordingRecovery recovery)
    {
        var logs = new LogCapture();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton(new RecoveryRequestQueue(16));
        services.AddScoped<IAccountRecoveryService>(_ => recovery);
        services.AddSingleton<RecoveryRequestWorker>();
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<RecoveryRequestQueue>(), provider.GetRequiredService<RecoveryRequestWorker>(), logs);
    }

    private sealed class RecordingRecovery : IAccountRecoveryService
    {
        private readonly List<string> _calls = [];

        public string? FailFor { get; init; }

        public IReadOnlyList<string> Calls
        {
            get
            {
                lock (_calls)
                {
                    return [.. _calls];
                }
            }
        }

        public RbacResult ValidateEmail(string? email) => RbacResult.Success;

        public Task<RbacResult> ForgotPasswordAsync(string? email, CancellationToken cancellationToken) => Record("forgot", email);

        public Task<RbacResult> ResendConfirmationAsync(string? email, CancellationToken cancellationToken) => Record("resend", email);

        public Task<RbacResult> ConfirmEmailAsync(string? token, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<RbacResult> ResetPasswordAsync(string? token, string? newPassword, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<RbacResult> RequestEmailChangeAsync(Guid userId, Guid currentSessionId, string? currentPassword, string? newEmail, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        private Task<RbacResult> Record(string kind, string? email)
        {
            lock (_calls)
            {
                _calls.Add($"{kind} {email}");
            }

            return email == FailFor ? throw new InvalidOperationException("The database is unreachable.") : Task.FromResult(RbacResult.Success);
        }
    }
}
