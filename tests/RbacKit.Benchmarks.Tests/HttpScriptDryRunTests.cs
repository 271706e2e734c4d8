using System.Diagnostics;

namespace RbacKit.Benchmarks.Tests;

/// <summary>
/// CI's check of the wrk benchmarks (benchmarks/*.sh --dry): the real servers on loopback, every route once for a second,
/// the report written. Nothing is timed; a route that answers anything but 2xx, or a server that does not start, fails.
/// </summary>
public sealed class HttpScriptDryRunTests
{
    [Fact]
    public async Task The_http_benchmark_runs_the_conventional_and_tuned_pipelines_and_reports_the_headline()
    {
        var output = await RunAsync("benchmarks/http.sh");
        Assert.Contains("| **Conventional pipeline** (CreateBuilder, UseAuthentication + UseAuthorization): RbacKit |", output, StringComparison.Ordinal);
        foreach (var route in new[] { "conventional: unprotected", "conventional: RbacKit bearer", "tuned: unprotected", "tuned: RbacKit bearer", "tuned: JwtBearer" })
        {
            Assert.Contains($"| {route}", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_issuer_benchmark_runs_the_stateful_path_with_redis_and_reports_the_ratio()
    {
        var output = await RunAsync("benchmarks/issuer.sh");
        Assert.Contains("Protected / open requests/s, median of per-round ratios: **", output, StringComparison.Ordinal);
        Assert.Contains("| GET /me/permissions (RbacKit bearer, stateful) |", output, StringComparison.Ordinal);
        Assert.Contains("| GET /auth/external (open) |", output, StringComparison.Ordinal);
    }

    internal static async Task<string> RunAsync(string script)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "RbacKit.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("RbacKit.sln not found above the test directory.");
        }

        var start = new ProcessStartInfo("bash", [script, "--dry"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["HTTP_NO_BUILD"] = "1";
        start.Environment["ISSUER_NO_BUILD"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} --dry did not finish in 5 minutes: {await stderr}");
        }

        Assert.True(process.ExitCode == 0, $"{script} --dry exited {process.ExitCode}: {await stderr}");
        return await stdout;
    }
}
