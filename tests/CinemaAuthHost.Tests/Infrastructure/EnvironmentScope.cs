namespace CinemaAuthHost.Tests;

/// <summary>Sets process environment variables and restores the previous values on dispose. Only for tests that run alone (<see cref="CliCollection"/>).</summary>
public sealed class EnvironmentScope : IDisposable
{
    private readonly Dictionary<string, string?> _previous = new(StringComparer.Ordinal);

    public EnvironmentScope(IEnumerable<KeyValuePair<string, string>> variables)
    {
        foreach (var (name, value) in variables)
        {
            _previous.TryAdd(name, Environment.GetEnvironmentVariable(name));
            Environment.SetEnvironmentVariable(name, value.Length == 0 ? null : value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}

/// <summary>The CLI reads its configuration from the process environment, so its tests run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "CLI (process environment)";
}

/// <summary>
/// Tests that install process-wide listeners (OpenTelemetry's activity listeners see every host in the process) run
/// alone, after the parallel ones, so no other test's traffic reaches them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessListenersCollection
{
    public const string Name = "Process-wide listeners";
}
