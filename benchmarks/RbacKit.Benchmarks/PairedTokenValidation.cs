using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RbacKit.Benchmarks;

/// <summary>
/// <c>--paired</c>: a supplement to BenchmarkDotNet for a noisy, shared machine. It runs the raw signature check and each
/// validator in short alternating blocks (the order rotating every round), so every round measures all of them under the
/// same background load, and reports the median of the per-round ratios. Slowly varying load from other processes
/// cancels out of such ratios; BenchmarkDotNet, which measures one benchmark after the other, cannot do that.
/// </summary>
internal static class PairedTokenValidation
{
    private const int Rounds = 2000;
    private const int Warmup = 400; // rounds not recorded: tiered JIT settles (all of it competes for the 2 cores)

    public static void Run(string outputPath, string[]? algorithms = null, int rounds = Rounds, int warmup = Warmup)
    {
        var report = new StringBuilder();
        report.AppendLine("| Algorithm | Method | Median ns/op | Min ns/op | Median of per-round ratios | Ratio of minimums |");
        report.AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var algorithm in algorithms ?? ["RS256", "ES256", "HS256"])
        {
            var benchmarks = new TokenValidationBenchmarks { Algorithm = algorithm };
            benchmarks.Setup();
            (string Name, Func<object> Run)[] candidates =
            [
                ("raw signature verify", () => benchmarks.RawSignatureVerify()),
                ("RbacKit first-seen", () => benchmarks.RbacKitFirstSeen()),
                ("RbacKit repeat (cache hit)", () => benchmarks.RbacKitRepeat()),
                ("JsonWebTokenHandler", () => benchmarks.JsonWebTokenHandler()),
            ];
            var block = algorithm switch { "HS256" => 100, "RS256" => 10, _ => 3 };
            var times = candidates.Select(_ => new double[rounds]).ToArray();
            for (var round = -warmup; round < rounds; round++)
            {
                for (var k = 0; k < candidates.Length; k++)
                {
                    var c = (k + Math.Max(round, 0)) % candidates.Length;
                    var run = candidates[c].Run;
                    var repeat = c == 2 ? block * 20 : block;
                    var start = Stopwatch.GetTimestamp();
                    for (var i = 0; i < repeat; i++)
                    {
                        _ = run();
                    }

                    if (round >= 0)
                    {
                        times[c][round] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / repeat;
                    }
                }
            }

            for (var c = 0; c < candidates.Length; c++)
            {
                var ratios = Enumerable.Range(0, rounds).Select(r => times[c][r] / times[0][r]).Order().ToArray();
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"| {algorithm} | {candidates[c].Name} | {Median(times[c]):F0} | {times[c].Min():F0} | {ratios[rounds / 2]:F3} | {times[c].Min() / times[0].Min():F3} |");
                report.AppendLine(line);
                Console.WriteLine(line);
            }

            benchmarks.Cleanup();
        }

        File.WriteAllText(outputPath, report.ToString());
        Console.WriteLine($"// written to {outputPath}");
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);
}
