namespace RbacKit.Benchmarks.Tests;

/// <summary>
/// CI's check of the paired harnesses (<c>--paired</c>, <c>--paired-pools</c>), which BenchmarkDotNet does not run: two
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
}
