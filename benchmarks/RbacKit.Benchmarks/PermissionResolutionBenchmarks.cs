using BenchmarkDotNet.Attributes;
using RbacKit.Domain;
using RbacKit.Permissions;
using RbacKit.Stores;

namespace RbacKit.Benchmarks;

/// <summary>
/// A user's effective permissions from the roles they hold, in memory (what happens after the store returned
/// <see cref="UserAuthorizationData"/>). Shapes: 3 roles x 20 permissions and 10 roles x 200 permissions, each role's
/// grants distinct, the catalog holding every one. Baseline: the naive union of the roles' permission names into a
/// <see cref="HashSet{T}"/>. RbacKit warm: the resolver has seen these roles (per-role bitsets cached by id and version),
/// so it ORs bitsets. RbacKit cold: a fresh resolver, so every grant pattern is looked up in the catalog.
/// </summary>
[MemoryDiagnoser]
public class PermissionResolutionBenchmarks
{
    private PermissionCatalog _catalog = null!;
    private RoleGrantData[] _roles = null!;
    private PermissionResolver _warm = null!;

    [Params("3x20", "10x200")]
    public string Shape { get; set; } = "3x20";

    [GlobalSetup]
    public void Setup()
    {
        var parts = Shape.Split('x');
        var (roleCount, perRole) = (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        _roles = [.. Enumerable.Range(0, roleCount).Select(r => new RoleGrantData(
            Guid.CreateVersion7(), $"role-{r}", 1,
            [.. Enumerable.Range(0, perRole).Select(p => $"resource{r}-{p / 10}:action{p % 10}")]))];
        _catalog = new PermissionCatalog(_roles.SelectMany(r => r.Permissions).Select(n => new PermissionDefinition { Name = n }));
        _warm = new PermissionResolver(_catalog);
        _ = _warm.Resolve(_roles);
        if (NaiveHashSetUnion() != roleCount * perRole || CountOf(RbacKitWarm()) != roleCount * perRole || CountOf(RbacKitCold()) != roleCount * perRole)
        {
            throw new InvalidOperationException("The resolutions disagree.");
        }
    }

    [Benchmark(Baseline = true, Description = "naive HashSet<string> union")]
    public int NaiveHashSetUnion()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in _roles)
        {
            names.UnionWith(role.Permissions);
        }

        return names.Count;
    }

    [Benchmark(Description = "RbacKit resolve (warm role cache)")]
    public PermissionSet RbacKitWarm() => _warm.Resolve(_roles);

    [Benchmark(Description = "RbacKit resolve (cold role cache)")]
    public PermissionSet RbacKitCold() => new PermissionResolver(_catalog).Resolve(_roles);

    private static int CountOf(PermissionSet set) => set.Ids.Count();
}
