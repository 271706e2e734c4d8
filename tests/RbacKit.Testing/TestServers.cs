namespace RbacKit.Testing;

/// <summary>
/// Connection strings of the throwaway PostgreSQL and Redis servers that <c>./test.sh</c> starts on loopback and exports.
/// Run without them (<c>dotnet test</c> from an IDE), the first test that needs a server starts, or reuses, a throwaway
/// pair through <see cref="DevServers"/>. A test that needs a server and gets none fails: it is never skipped.
/// </summary>
public static class TestServers
{
    /// <summary>The PostgreSQL connection string (<c>RBACKIT_TEST_POSTGRES</c>).</summary>
    public static string Postgres => Require("RBACKIT_TEST_POSTGRES", "PostgreSQL");

    /// <summary>The Redis configuration string (<c>RBACKIT_TEST_REDIS</c>).</summary>
    public static string Redis => Require("RBACKIT_TEST_REDIS", "Redis");

    /// <summary>A PostgreSQL connection string for a database of its own, created on first use.</summary>
    public static string PostgresDatabase(string name) =>
        string.Join(';', Postgres.Split(';', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("Database=", StringComparison.OrdinalIgnoreCase)))
        + $";Database={name}";

    private static string Require(string variable, string server)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
        {
            return value;
        }

        DevServers.EnsureStarted();
        return Environment.GetEnvironmentVariable(variable) is { Length: > 0 } started
            ? started
            : throw new InvalidOperationException($"{server} is needed by this test but {variable} is not set and the test servers did not provide it.");
    }
}
