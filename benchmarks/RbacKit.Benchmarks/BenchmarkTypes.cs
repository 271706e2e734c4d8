using RbacKit.Benchmarks.Postgres;

namespace RbacKit.Benchmarks;

/// <summary>Every benchmark class, for <c>Program</c> and the CI dry run (tests/RbacKit.Benchmarks.Tests).</summary>
public static class BenchmarkTypes
{
    /// <summary>Whether <c>RBACKIT_BENCH_POSTGRES</c> is set, so the PostgreSQL benchmarks are included.</summary>
    public static bool HasDatabase => BenchDatabase.ConnectionString is not null;

    /// <summary>The benchmark classes; the PostgreSQL ones only when a database is given.</summary>
    public static IReadOnlyList<Type> All()
    {
        List<Type> types =
        [
            typeof(TokenValidationBenchmarks),
            typeof(TokenIssuingBenchmarks),
            typeof(PermissionCheckBenchmarks),
            typeof(PermissionResolutionBenchmarks),
            typeof(PasswordBenchmarks),
            typeof(ForgotPasswordBenchmarks),
            typeof(ForgotPasswordEndpointBenchmarks),
        ];
        if (HasDatabase)
        {
            types.Add(typeof(PostgresBenchmarks));
        }

        return types;
    }
}
