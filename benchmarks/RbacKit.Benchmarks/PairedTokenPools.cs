using System.Diagnostics;
using System.Globalization;
using System.Text;
using RbacKit.Benchmarks.Infrastructure;
using RbacKit.TokenValidation;

namespace RbacKit.Benchmarks;

/// <summary>
/// <c>--paired-pools</c>: what each of the validator's reading caches buys on first-sight validation (the validated-token
/// cache off). Validators that differ in one cache each run in short alternating blocks, as in
/// <see cref="PairedTokenValidation"/>, and the report gives the median of the per-round ratios against the validator with
/// every cache on. A cache stays only where switching it off costs at least 5 %.
/// </summary>
internal static class PairedTokenPools
{
    private const int Rounds = 2000;
    private const int Warmup = 400;

    public static void Run(string outputPath, int rounds = Rounds, int warmup = Warmup)
    {
        var report = new StringBuilder();
        report.AppendLine("| Algorithm | Validator | Median ns/op | Min ns/op | Median of per-round ratios (vs every cache on) |");
        report.AppendLine("| --- | --- | ---: | ---: | ---: |");
        var all = TokenReadingCaches.Default;
        (string Name, TokenReadingCaches Caches)[] variants =
        [
            ("every cache on (production)", all),
            ("known headers off", all with { Headers = 0 }),
            ("claim lists off", all with { ClaimLists = 0 }),
            ("HMAC pool off (one-shot HMAC)", all with { PooledHmac = false }),
            ("every cache off", new TokenReadingCaches(0, 0, PooledHmac: false)),
        ];
        foreach (var algorithm in new[] { "HS256", "RS256" })
        {
            using var fixture = TokenFixture.Create(algorithm);
            var token = fixture.Token;
            var validators = variants.Select(v => fixture.CreateUncachedValidator(v.Caches)).ToArray();
            foreach (var validator in validators)
            {
                if (!validator.Validate(token).IsValid)
                {
                    throw new InvalidOperationException($"A validator refused the {algorithm} token.");
                }
            }

            var block = algorithm == "HS256" ? 100 : 10;
            var times = variants.Select(_ => new double[rounds]).ToArray();
            for (var round = -warmup; round < rounds; round++)
            {
                for (var k = 0; k < variants.Length; k++)
                {
                    var c = (k + Math.Max(round, 0)) % variants.Length;
                    var validator = validators[c];
                    var start = Stopwatch.GetTimestamp();
                    for (var i = 0; i < block; i++)
                    {
                        _ = validator.Validate(token);
                    }

                    if (round >= 0)
                    {
                        times[c][round] = Stopwatch.GetElapsedTime(start).TotalNanoseconds / block;
                    }
                }
            }

            for (var c = 0; c < variants.Length; c++)
            {
                var ratios = Enumerable.Range(0, rounds).Select(r => times[c][r] / times[0][r]).Order().ToArray();
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"| {algorithm} | {variants[c].Name} | {Median(times[c]):F0} | {times[c].Min():F0} | {ratios[rounds / 2]:F3} |");
                report.AppendLine(line);
                Console.WriteLine(line);
            }
        }

        File.WriteAllText(outputPath, report.ToString());
        Console.WriteLine($"// written to {outputPath}");
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);
}
