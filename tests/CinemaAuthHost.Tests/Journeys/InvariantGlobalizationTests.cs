using System.Diagnostics;

namespace CinemaAuthHost.Tests;

/// <summary>The built host refuses to start when the runtime cannot normalize Unicode (invariant globalization).</summary>
public sealed class InvariantGlobalizationTests
{
    [Fact]
    public async Task The_host_refuses_to_start_with_invariant_globalization_and_says_why()
    {
        var directory = Directory.CreateTempSubdirectory("rbackit-invariant-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = directory.FullName,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CinemaAuthHost.dll"));
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add("http://127.0.0.1:0");
            start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
            start.Environment["Data__Directory"] = directory.FullName;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.NotEqual(0, process.ExitCode);
            Assert.Contains("Unicode normalization (NFKC) does not work in this process", await error, StringComparison.Ordinal);
            Assert.Empty(directory.EnumerateFileSystemInfos()); // nothing was migrated or written
            _ = await output;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
