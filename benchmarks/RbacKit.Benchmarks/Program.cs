using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using RbacKit.Benchmarks;
using RbacKit.Benchmarks.Postgres;

if (args is ["--paired", ..])
{
    // Optional third argument: the algorithms to run, comma-separated (default RS256,ES256,HS256).
    PairedTokenValidation.Run(args.Length > 1 ? args[1] : "paired-token-validation.md", args.Length > 2 ? args[2].Split(',') : null);
    return;
}

if (args is ["--paired-pools", ..])
{
    PairedTokenPools.Run(args.Length > 1 ? args[1] : "paired-token-pools.md");
    return;
}

if (args is ["--paired-login", ..])
{
    // Optional third argument: the rounds per work factor (default 25).
    var output = args.Length > 1 ? args[1] : "paired-login.md";
    if (args.Length > 2)
    {
        PairedLogin.Run(output, rounds: int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
    }
    else
    {
        PairedLogin.Run(output);
    }

    return;
}

if (BenchDatabase.ConnectionString is null)
{
    Console.WriteLine($"// RbacKit.Benchmarks: {BenchDatabase.EnvironmentVariable} is not set; the PostgreSQL benchmarks are skipped (see benchmarks/README.md).");
}

var benchmarks = BenchmarkTypes.All();

// Min and median next to the mean: on a shared, noisy machine the minimum is the steadiest figure.
var config = DefaultConfig.Instance.AddColumn(StatisticColumn.Min, StatisticColumn.Median);
BenchmarkSwitcher.FromTypes([.. benchmarks]).Run(args, config);
