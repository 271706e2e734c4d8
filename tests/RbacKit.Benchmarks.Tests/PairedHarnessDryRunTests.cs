namespace RbacKit.Benchmarks.Tests;

/// <summary>
/// CI's check of the paired harnesses (<c>--paired</c>, <c>--paired-pools</c>, <c>--paired-login</c>), which BenchmarkDotNet does not run: two
/// rounds each, no warm-up. Nothing is timed; a harness whose validators refuse the token throws, and each must write a
/// row per algorithm and candidate.
/// </summary>
public sealed class PairedHarnessDryRunTests
{
    [Fact]
    public void The_paired_validation_harness_runs_and_reports_every_candidate()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rbackit-paired-{Guid.NewGuid():N}.md");
        try
        {
            PairedTokenValidation.Run(path, rounds: 2, warmup: 0);
            var rows = File.ReadAllLines(path).Where(l => l.StartsWith("| RS256 |", StringComparison.Ordinal) || l.StartsWith("| ES256 |", StringComparison.Ordinal) || l.StartsWith("| HS256 |", StringComparison.Ordinal)).ToList();
            Assert.Equal(12, rows.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_paired_pools_harness_runs_and_reports_every_variant()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rbackit-pools-{Guid.NewGuid():N}.md");
        try
        {
            PairedTokenPools.Run(path, rounds: 2, warmup: 0);
            var lines = File.ReadAllLines(path);
            Assert.Equal(5, lines.Count(l => l.StartsWith("| HS256 |", StringComparison.Ordinal)));
            Assert.Equal(5, lines.Count(l => l.StartsWith("| RS256 |", StringComparison.Ordinal)));
            Assert.Contains(lines, l => l.Contains("every cache off", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_paired_login_harness_runs_every_candidate_on_every_store()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rbackit-login-{Guid.NewGuid():N}.md");
        try
        {
            PairedLogin.Run(path, rounds: 2, warmup: 0, workFactors: [4]);
            var lines = File.ReadAllLines(path);
            string[] stores = RbacKit.Benchmarks.Postgres.BenchDatabase.ConnectionString is null ? ["SQLite"] : ["SQLite", "PostgreSQL"];
            foreach (var store in stores)
            {
                // Five candidates (bare hash, Core login, HTTP login, both with the hash skipped), then the summary row,
                // which ends with the BCrypt calls per login: one.
                var rows = lines.Where(l => l.StartsWith($"| {store} | 4 |", StringComparison.Ordinal)).ToList();
                Assert.Equal(6, rows.Count);
                Assert.EndsWith("| 1 |", rows[^1].TrimEnd(), StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
