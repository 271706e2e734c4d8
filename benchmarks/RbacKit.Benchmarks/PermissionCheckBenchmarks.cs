using System.Security.Claims;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Domain;
using RbacKit.Permissions;

namespace RbacKit.Benchmarks;

/// <summary>
/// Is the authenticated caller allowed <c>movies:write</c>? The caller holds 20 of the catalog's 60 permissions. Baseline:
/// a <see cref="HashSet{T}"/> of permission names, the obvious hand-rolled check. RbacKit tests one bit of the caller's
/// resolved <see cref="PermissionSet"/> with an id interned once at start-up. The claims-based alternatives look the
/// permission up among the principal's claims: directly with HasClaim, and through ASP.NET Core's
/// <see cref="IAuthorizationService"/> with a RequireClaim policy, as an app without RbacKit would write it.
/// </summary>
[MemoryDiagnoser]
public class PermissionCheckBenchmarks
{
    private const string Permission = "movies:write";
    private PermissionSet _set = null!;
    private PermissionId _id;
    private HashSet<string> _names = null!;
    private ClaimsPrincipal _principal = null!;
    private IAuthorizationService _authorization = null!;
    private ServiceProvider _services = null!;

    [GlobalSetup]
    public void Setup()
    {
        string[] resources = ["movies", "series", "authors", "reviews", "users", "roles", "sessions", "audit", "payments", "tickets", "halls", "schedules", "news", "banners", "promo", "support", "reports", "settings", "keys", "genres"];
        string[] actions = ["read", "write", "delete"];
        var catalog = new PermissionCatalog(resources.SelectMany(r => actions.Select(a => new PermissionDefinition { Name = $"{r}:{a}" })));
        var held = resources.Take(10).SelectMany(r => new[] { $"{r}:read", $"{r}:write" }).ToArray();
        _set = catalog.Expand(held);
        _id = catalog.GetId(Permission);
        _names = new HashSet<string>(held, StringComparer.Ordinal);

        var identity = new ClaimsIdentity(
            [
                new Claim("sub", Guid.CreateVersion7().ToString()),
                new Claim("sid", Guid.CreateVersion7().ToString()),
                new Claim("role", "moderator"),
                new Claim("role", "user"),
                .. held.Select(p => new Claim("perms", p)),
            ],
            authenticationType: "Bearer");
        _principal = new ClaimsPrincipal(identity);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAuthorizationCore(o => o.AddPolicy(Permission, p => p.RequireClaim("perms", Permission)));
        _services = services.BuildServiceProvider();
        _authorization = _services.GetRequiredService<IAuthorizationService>();
        if (!HashSetContains() || !RbacKitBitTest() || !ClaimsPrincipalHasClaim() || !AuthorizationServicePolicy())
        {
            throw new InvalidOperationException("A check refused the permission.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, Description = "HashSet<string>.Contains")]
    public bool HashSetContains() => _names.Contains(Permission);

    [Benchmark(Description = "RbacKit PermissionSet.Contains")]
    public bool RbacKitBitTest() => _set.Contains(_id);

    [Benchmark(Description = "ClaimsPrincipal.HasClaim")]
    public bool ClaimsPrincipalHasClaim() => _principal.HasClaim("perms", Permission);

    [Benchmark(Description = "IAuthorizationService claims policy")]
    public bool AuthorizationServicePolicy() => _authorization.AuthorizeAsync(_principal, null, Permission).GetAwaiter().GetResult().Succeeded;
}
