using System.Net;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RbacKit.AspNetCore;
using RbacKit.Benchmarks.Postgres;
using static RbacKit.Benchmarks.ForgotPasswordDatabase;

namespace RbacKit.Benchmarks;

/// <summary>
/// <c>POST /auth/forgot-password</c> as a client sees it: the time to the 202 answer for a known address against an
/// unknown one (baseline), through RbacKit's endpoint on an in-memory test server over a SQLite file. The handler
/// validates, takes a rate-limit permit and queues the request; the lookup, the token and the mail run afterwards in
/// the background worker, so both answers take the same path. One request per iteration, and each iteration waits
/// (outside the measurement) until the worker has finished it, so the worker's work never overlaps the next measured
/// answer (as for a client whose requests are spaced by the per-email limit) and every measured answer is a 202.
/// Its setup checks that only the known address queues a mail. No memory diagnoser: in process it would count the
/// worker's allocations too.
/// </summary>
[InvocationCount(1, 1)]
[WarmupCount(20)]
[IterationCount(200)]
public class ForgotPasswordEndpointBenchmarks
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private string _file = null!;

    [GlobalSetup]
    public void Setup()
    {
        _file = NewFile("forgot-http");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddDbContextPool<BenchDbContext>(o => o.UseSqlite($"Data Source={_file};Default Timeout=30"));
        builder.Services.AddRbacKit(Configure).AddEntityFrameworkStores<BenchDbContext>().ConfigureRateLimits(o => o.Enabled = false);
        _app = builder.Build();
        _app.MapRbacKitAuthApi();
        Create(_app.Services);
        _app.StartAsync().GetAwaiter().GetResult();
        _client = _app.GetTestClient();

        foreach (var email in new[] { Known, Unknown })
        {
            var before = Queued(_app.Services);
            ForgotAsync(email).GetAwaiter().GetResult();
            Drain();
            var queued = Queued(_app.Services) - before;
            Console.WriteLine($"// forgot-password over HTTP, {(email == Known ? "known" : "unknown")} address: 202, {queued} mail(s) queued by the worker");
            CheckQueued(email, queued);
        }
    }

    [IterationCleanup]
    public void Drain()
    {
        var queue = _app.Services.GetRequiredService<RecoveryRequestQueue>();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (queue.Outstanding > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The recovery worker did not empty its queue within a minute.");
            }

            Thread.Sleep(1);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Delete(_file);
    }

    [Benchmark(Baseline = true, Description = "forgot-password over HTTP, unknown address")]
    public Task UnknownAddress() => ForgotAsync(Unknown);

    [Benchmark(Description = "forgot-password over HTTP, known address")]
    public Task KnownAddress() => ForgotAsync(Known);

    private async Task ForgotAsync(string email)
    {
        using var content = new StringContent($"{{\"email\":\"{email}\"}}", Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/auth/forgot-password", content);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"forgot-password answered {(int)response.StatusCode}, expected 202.");
        }
    }
}
