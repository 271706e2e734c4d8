using System.Diagnostics;
using System.Globalization;
using System.Text;
using RbacKit.Accounts;
using RbacKit.Benchmarks.Postgres;
using RbacKit.Passwords;
using BCryptNet = BCrypt.Net.BCrypt;

namespace RbacKit.Benchmarks;

/// <summary>
/// <c>--paired-login</c>: what a password login costs beyond the password hash, at BCrypt work factors 10, 11 and 12, on a
/// SQLite file (the host's default) and, when <c>RBACKIT_BENCH_POSTGRES</c> is set, on PostgreSQL (a database of its own
/// next to that one). Per work factor, one round runs each candidate once, in an order that rotates from round to round:
/// <list type="bullet">
/// <item>the bare hash: BCrypt.Net's <c>EnhancedVerify</c> (SHA-384 pre-hash) of the account's stored hash;</item>
/// <item>the Core login: <see cref="IAuthService.LoginAsync"/> in a DI scope of its own, as a request has;</item>
/// <item>the HTTP login: <c>POST /auth/login</c> through RbacKit's endpoint on an in-memory test server (JSON in and out,
/// the per-account rate limiter off so that one account can log in back to back);</item>
/// <item>both logins again on a second host over the same database whose <see cref="IPasswordHasher"/> skips BCrypt (it
/// replays the real hasher's answer): the time beyond the hash, measured directly rather than as a difference of two
/// long, noisy times.</item>
/// </list>
/// The report gives the median of per-round ratios to the bare hash of the same round (paired: both saw the same machine
/// load), logins per second on one thread (1 / median login time), the SQL commands one login sends and the hasher calls
/// one login makes (one BCrypt verification, no dummy, no rehash).
/// </summary>
internal static class PairedLogin
{
    private const int Rounds = 25;
    private const int Warmup = 3;
    private const int FreeBlock = 5;
    internal const string Password = "correct horse battery staple 42";

    public static void Run(string outputPath, int rounds = Rounds, int warmup = Warmup, int[]? workFactors = null)
    {
        workFactors ??= [10, 11, 12];
        var report = new StringBuilder();
        report.AppendLine("| LoginBenchStore | WF | Candidate | Median ms | Min ms | Median of per-round ratios (vs bare hash) | Logins/s, one thread |");
        report.AppendLine("| --- | ---: | --- | ---: | ---: | ---: | ---: |");
        var summary = new StringBuilder();
        summary.AppendLine();
        summary.AppendLine("| LoginBenchStore | WF | Bare hash ms | Core login ms | HTTP login ms | (Core - hash) / hash | (HTTP - hash) / hash | Core beyond hash / hash (hash skipped) | HTTP beyond hash / hash (hash skipped) | SQL commands / login | BCrypt calls / login |");
        summary.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");

        var stores = new List<LoginBenchStore> { LoginBenchStore.Sqlite() };
        if (BenchDatabase.ConnectionString is { } connectionString)
        {
            stores.Add(LoginBenchStore.Postgres(connectionString));
        }
        else
        {
            Console.WriteLine($"// {BenchDatabase.EnvironmentVariable} is not set: SQLite only.");
        }

        // The JIT first: BCrypt's rounds run at tier 0 until promoted, several times slower, and would make the first work
        // factor measured look as slow as the last. Cheap work-factor-4 hashes get it to tier 1 before anything is timed.
        var warm = BCryptNet.EnhancedHashPassword(Password, BCrypt.Net.HashType.SHA384, 4);
        for (var i = 0; i < 300; i++)
        {
            _ = BCryptNet.EnhancedVerify(Password, warm, BCrypt.Net.HashType.SHA384);
        }

        foreach (var store in stores)
        {
            try
            {
                foreach (var workFactor in workFactors)
                {
                    RunOne(store, workFactor, rounds, warmup, report, summary);
                }
            }
            finally
            {
                store.Dispose();
            }
        }

        report.Append(summary);
        File.WriteAllText(outputPath, report.ToString());
        Console.WriteLine($"// written to {outputPath}");
    }

    private static void RunOne(LoginBenchStore store, int workFactor, int rounds, int warmup, StringBuilder report, StringBuilder summary)
    {
        var email = $"login-wf{workFactor}-{Guid.CreateVersion7():N}@cinema.example";
        using var real = LoginBenchHost.Start(store, workFactor, skipHash: false);
        using var free = LoginBenchHost.Start(store, workFactor, skipHash: true);
        real.Register(email);
        var hash = real.StoredHash(email);
        if (!BCryptNet.EnhancedVerify(Password, hash, BCrypt.Net.HashType.SHA384) || hash[4..6] != workFactor.ToString("D2", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"The stored hash does not verify at work factor {workFactor}.");
        }

        // One login of each kind, checked, with its SQL commands and hasher calls.
        real.Counter.Reset();
        real.Hasher.Reset();
        real.CoreLogin(email);
        var commands = real.Counter.Count;
        var hasherCalls = real.Hasher.BCryptCalls;
        real.HttpLogin(email);
        free.CoreLogin(email);
        free.HttpLogin(email);
        for (var i = 0; i < 50; i++)
        {
            free.CoreLogin(email);
            free.HttpLogin(email);
        }

        free.Trace.Enabled = true;
        var traced = Time(() => free.CoreLogin(email));
        free.Trace.Enabled = false;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {store.Name} WF {workFactor}: one hash-skipped Core login, {traced:F2} ms; its SQL commands:"));
        foreach (var line in free.Trace.Drain())
        {
            Console.WriteLine($"//   {line}");
        }

        Console.WriteLine($"// {store.Name} WF {workFactor}: a login sends {commands} SQL command(s) and makes {hasherCalls} BCrypt call(s)");

        (string Name, Func<int, double> Measure)[] candidates =
        [
            ("bare hash (BCrypt.Net EnhancedVerify)", _ => Time(() => BCryptNet.EnhancedVerify(Password, hash, BCrypt.Net.HashType.SHA384))),
            ("Core IAuthService.LoginAsync", _ => Time(() => real.CoreLogin(email))),
            ("HTTP POST /auth/login", _ => Time(() => real.HttpLogin(email))),
            ("Core login, hash skipped", _ => Time(() => { for (var i = 0; i < FreeBlock; i++) { free.CoreLogin(email); } }) / FreeBlock),
            ("HTTP login, hash skipped", _ => Time(() => { for (var i = 0; i < FreeBlock; i++) { free.HttpLogin(email); } }) / FreeBlock),
        ];
        var times = candidates.Select(_ => new double[rounds]).ToArray();
        for (var round = -warmup; round < rounds; round++)
        {
            for (var k = 0; k < candidates.Length; k++)
            {
                var c = (k + Math.Max(round, 0)) % candidates.Length;
                var ms = candidates[c].Measure(round);
                if (round >= 0)
                {
                    times[c][round] = ms;
                }
            }
        }

        double RatioMedian(Func<int, double> ratio) => Median([.. Enumerable.Range(0, rounds).Select(ratio)]);
        for (var c = 0; c < candidates.Length; c++)
        {
            var perSecond = c is 1 or 2 ? (1000 / Median(times[c])).ToString("F1", CultureInfo.InvariantCulture) : "";
            var line = string.Create(CultureInfo.InvariantCulture,
                $"| {store.Name} | {workFactor} | {candidates[c].Name} | {Median(times[c]):F2} | {times[c].Min():F2} | {RatioMedian(r => times[c][r] / times[0][r]):F3} | {perSecond} |");
            report.AppendLine(line);
            Console.WriteLine(line);
        }

        summary.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| {store.Name} | {workFactor} | {Median(times[0]):F2} | {Median(times[1]):F2} | {Median(times[2]):F2} | {RatioMedian(r => (times[1][r] - times[0][r]) / times[0][r]):P1} | {RatioMedian(r => (times[2][r] - times[0][r]) / times[0][r]):P1} | {RatioMedian(r => times[3][r] / times[0][r]):P1} | {RatioMedian(r => times[4][r] / times[0][r]):P1} | {commands} | {hasherCalls} |"));
    }

    private static double Time(Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);
}
