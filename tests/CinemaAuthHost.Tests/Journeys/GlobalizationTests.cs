using System.Diagnostics;
using System.Text.Json.Nodes;

namespace CinemaAuthHost.Tests;

/// <summary>
/// The shipped host normalizes Unicode for real: it is built with ICU, and a process forced into invariant globalization
/// (where string.Normalize does nothing) refuses to start instead of silently skipping normalization.
/// </summary>
public sealed class GlobalizationTests
{
    private static readonly string HostDll = Path.Combine(AppContext.BaseDirectory, "CinemaAuthHost.dll");

    [Fact]
    public void The_shipped_host_does_not_run_in_invariant_globalization()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.ChangeExtension(HostDll, ".runtimeconfig.json")))!;
        var invariant = config["runtimeOptions"]?["configProperties"]?["System.Globalization.Invariant"];
        Assert.False(invariant?.GetValue<bool>() ?? false, "CinemaAuthHost.runtimeconfig.json sets System.Globalization.Invariant");
    }

    [Fact]
    public async Task The_host_refuses_to_start_when_globalization_is_invariant()
    {
        await using var storage = new SqliteStorage();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(HostDll);
        foreach (var argument in CinemaHost.Arguments(storage))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The host kept running in invariant globalization mode.");
        }

        var output = await stdout + await stderr;
        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("Unicode normalization (NFKC) does not work", output, StringComparison.Ordinal);
        Assert.Contains("InvariantGlobalization", output, StringComparison.Ordinal);
        Assert.Contains("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", output, StringComparison.Ordinal);
    }
}
