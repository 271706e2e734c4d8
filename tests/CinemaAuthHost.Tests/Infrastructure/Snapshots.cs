using Snapshooter;

namespace CinemaAuthHost.Tests;

/// <summary>
/// Where snapshots live: <c>tests/CinemaAuthHost.Tests/__snapshots__</c>, found from the test binaries rather than from
/// source paths in the PDB (those are rewritten by deterministic CI builds). Both providers compare against one file.
/// </summary>
public static class Snapshots
{
    public static SnapshotFullName For(string name)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CinemaAuthHost.Tests.csproj")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException($"CinemaAuthHost.Tests.csproj not found above {AppContext.BaseDirectory}.");
        }

        var file = Path.Combine(directory.FullName, "__snapshots__", name + ".snap");

        // A missing snapshot would be written and pass; in CI that must fail instead (commit the __snapshots__ file).
        if (!File.Exists(file) && Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
        {
            throw new InvalidOperationException($"Snapshot {file} is missing: run the tests locally and commit it.");
        }

        return new SnapshotFullName(name + ".snap", directory.FullName);
    }
}
