using System.Diagnostics;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Xunit.Abstractions;

namespace RbacKit.Benchmarks.Tests;

/// <summary>
/// CI's check of the benchmarks: each class runs BenchmarkDotNet's dry job (one launch, no warm-up, one invocation of
/// every benchmark) in this process, so nothing is generated or built and nothing is timed. A benchmark that throws (in
/// its setup, its body or its own answer checks) fails its class's test. The PostgreSQL class is included when
/// <c>RBACKIT_BENCH_POSTGRES</c> is set (test.sh gives it a database on its throwaway PostgreSQL).
/// </summary>
public sealed class BenchmarkDryRunTests(ITestOutputHelper output)
{
    public static TheoryData<string> Classes => [.. BenchmarkTypes.All().Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Classes))]
    public void Every_benchmark_runs_once_without_error(string benchmarkClass)
    {
        var type = BenchmarkTypes.All().Single(t => t.Name == benchmarkClass);
        var log = new AccumulationLogger();
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance))
            .AddLogger(log)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "rbackit-bench-dry", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var watch = Stopwatch.StartNew();
        var summary = BenchmarkRunner.Run(type, config);
        output.WriteLine($"{benchmarkClass}: {summary.BenchmarksCases.Length} benchmark case(s) in {watch.Elapsed.TotalSeconds:F1} s");

        var failed = summary.Reports.Where(r => !r.Success).Select(r => r.BenchmarkCase.DisplayInfo).ToList();
        if (summary.HasCriticalValidationErrors || failed.Count > 0 || summary.Reports.Length != summary.BenchmarksCases.Length || summary.BenchmarksCases.Length == 0)
        {
            output.WriteLine(log.GetLog());
            Assert.Fail($"{benchmarkClass}: validation errors: [{string.Join("; ", summary.ValidationErrors.Select(e => e.Message))}], "
                + $"failed: [{string.Join("; ", failed)}], {summary.Reports.Length} report(s) for {summary.BenchmarksCases.Length} case(s).");
        }
    }
}
