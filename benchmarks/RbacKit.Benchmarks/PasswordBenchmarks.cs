using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Passwords;
using BCryptNet = BCrypt.Net.BCrypt;

namespace RbacKit.Benchmarks;

/// <summary>
/// The cost of checking a password at login, work factor 11 (RbacKit's production minimum). Baseline: BCrypt.Net's
/// EnhancedVerify (SHA-384 pre-hash) on the same hash; RbacKit adds NFKC normalization and the rehash check. The
/// difference is RbacKit's overhead; BCrypt's cost is the point.
/// </summary>
[MemoryDiagnoser]
public class PasswordBenchmarks
{
    private const string Password = "correct horse battery staple 42";
    private const int WorkFactor = 11;
    private IPasswordHasher _hasher = null!;
    private ServiceProvider _services = null!;
    private string _hash = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddRbacKitCore(o =>
        {
            o.Issuer = "https://auth.cinema.example";
            o.Audience = "cinema-api";
            o.Passwords.WorkFactor = WorkFactor;
        });
        _services = services.BuildServiceProvider();
        _hasher = _services.GetRequiredService<IPasswordHasher>();
        _hash = _hasher.Hash(Password);
        if (!BareBCrypt() || RbacKitVerify() != PasswordVerification.Success)
        {
            throw new InvalidOperationException("The password did not verify.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "BCrypt.Net EnhancedVerify")]
    public bool BareBCrypt() => BCryptNet.EnhancedVerify(Password, _hash, BCrypt.Net.HashType.SHA384);

    [Benchmark(Description = "RbacKit IPasswordHasher.Verify")]
    public PasswordVerification RbacKitVerify() => _hasher.Verify(Password, _hash);
}
