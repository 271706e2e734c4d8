using System.Diagnostics;

namespace RbacKit.Testing;

/// <summary>
/// For <c>dotnet test</c> from an IDE (no <c>./test.sh</c>, so no <c>RBACKIT_TEST_*</c> variables): starts, or reuses
/// when they already run, a throwaway PostgreSQL and Redis on loopback through <c>scripts/services.sh up</c>, and sets
/// the variables in this process. The servers stay up for the next run; <c>scripts/services.sh down DIR</c> stops them.
/// </summary>
public static class DevServers
{
    private static readonly Lock Gate = new();
    private static bool _started;

    /// <summary>Where the servers' data lives (<c>RBACKIT_DEV_SERVERS_DIR</c>, else a folder under the temp directory).</summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable("RBACKIT_DEV_SERVERS_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Path.GetTempPath(), "rbackit-dev-servers");

    /// <summary>Starts or reuses the servers once per process and exports their variables.</summary>
    public static void EnsureStarted()
    {
        lock (Gate)
        {
            if (_started)
            {
                return;
            }

            foreach (var (name, value) in Up(FindServicesScript(), Directory))
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            _started = true;
        }
    }

    /// <summary>Runs <c>services.sh up <paramref name="directory"/></c> and returns the variables it prints.</summary>
    public static IReadOnlyList<(string Name, string Value)> Up(string servicesScript, string directory)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(servicesScript);
        start.ArgumentList.Add("up");
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{servicesScript} up {directory} did not finish within 5 minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Could not start the test servers ({servicesScript} up {directory}, exit {process.ExitCode}): {error.GetAwaiter().GetResult()} "
                + "Run the tests through ./test.sh, or install postgresql and redis-server.");
        }

        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2 && parts[0].StartsWith("RBACKIT_TEST_", StringComparison.Ordinal))
            .Select(parts => (parts[0], parts[1]))];
    }

    /// <summary>The repository's <c>scripts/services.sh</c>, found by walking up from the test assembly.</summary>
    public static string FindServicesScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "services.sh");
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "test.sh")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"scripts/services.sh was not found above {AppContext.BaseDirectory}; set RBACKIT_TEST_POSTGRES and RBACKIT_TEST_REDIS, or run ./test.sh.");
    }
}
