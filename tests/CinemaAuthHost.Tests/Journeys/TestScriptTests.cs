using System.Diagnostics;

namespace CinemaAuthHost.Tests;

/// <summary>
/// On a machine with only the .NET SDK, ./test.sh installs everything it and the scripts it runs call (issue 12:
/// python3 and curl were needed but never installed): with nothing on the PATH, scripts/services.sh asks for them.
/// </summary>
public sealed class TestScriptTests
{
    [Fact]
    public async Task Services_script_installs_python3_and_curl_when_they_are_missing()
    {
        var services = Environment.GetEnvironmentVariable("RBACKIT_TEST_SERVICES") is { Length: > 0 } path
            ? path
            : throw new InvalidOperationException("RBACKIT_TEST_SERVICES is not set: run this test through ./test.sh.");
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("source \"$1\" && rbk_missing_packages");
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(services);
        start.Environment["PATH"] = "/nonexistent";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        var packages = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("python3", packages);
        Assert.Contains("curl", packages);
        Assert.Contains("redis-server", packages);
    }
}
