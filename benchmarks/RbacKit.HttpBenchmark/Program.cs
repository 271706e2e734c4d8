using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using RbacKit.HttpBenchmark;
using RbacKit.Keys;

// One process, the same tiny JSON endpoint three times (see benchmarks/README.md, "HTTP"):
//   GET /open     no authentication or authorization at all
//   GET /rbackit  RbacKit bearer (resource-server setup, no database) + .RequirePermission("movies:read")
//   GET /jwt      ASP.NET Core JwtBearer + a claims policy (perms contains movies:read)
// Both protected routes accept the same RS256 token, issued at start-up by RbacKit's own issuer and served at GET /token.
// With --conventional the process is instead built the way users write it (see below).
// There is deliberately no UseAuthentication(): it would run the default scheme on every route (also /open). The
// authorization middleware authenticates each protected route with the schemes of its own policy, so each route pays
// only for its own protection.
var tokens = TokenMix.Start(ref args, out var tokensWritten); // benchmarks/token-mix.sh: --tokens-key, --write-tokens
if (tokensWritten)
{
    return;
}

var probe = AllocationProbe.Start();
var conventional = args.Contains("--conventional");
args = [.. args.Where(a => a != "--conventional")];

if (conventional)
{
    // The pipeline users write (what an independent consumer measured at 0.82-0.84x): the full builder with the
    // template's logging (appsettings.json: Information, Microsoft.AspNetCore at Warning), reflection JSON,
    // AddRbacKitResourceServer, UseAuthentication + UseAuthorization, and one protected route beside an open one.
    var web = WebApplication.CreateBuilder(args);
    AddRbacKit(web.Services, tokens);
    var site = web.Build();
    site.UseAuthentication();
    site.UseAuthorization();
    var film = new Movie(42, "The Third Man", 1949);
    site.MapGet("/open", () => film);
    site.MapGet("/rbackit", () => film).RequirePermission("movies:read");
    site.MapGet("/token", () => tokens.Token);
    site.MapGet("/stats", ProcessStats.Read);
    site.MapGet("/allocs", () => probe?.Report() ?? "RBACKIT_ALLOC_PROBE=1 is not set");
    site.Run();
    return;
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BenchJson.Default));
AddRbacKit(builder.Services, tokens);

// JwtBearer on the same key, with the same checks (issuer, audience, lifetime, RS256 only, typ at+jwt).
builder.Services.AddAuthentication().AddJwtBearer(o =>
{
    o.MapInboundClaims = false;
    o.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = TokenSource.Issuer,
        ValidAudience = TokenSource.Audience,
        IssuerSigningKey = tokens.PublicKey,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        ValidTypes = ["at+jwt"],
        ClockSkew = TimeSpan.FromSeconds(30),
    };
});
builder.Services.AddAuthorization(o => o.AddPolicy("movies-read", p => p
    .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
    .RequireClaim("perms", "movies:read")));

var app = builder.Build();
app.UseAuthorization();

var movie = new Movie(42, "The Third Man", 1949);
app.MapGet("/open", () => movie);
app.MapGet("/rbackit", () => movie).RequirePermission("movies:read");
app.MapGet("/jwt", () => movie).RequireAuthorization("movies-read");
app.MapGet("/token", () => tokens.Token);
app.MapGet("/stats", ProcessStats.Read);
app.MapGet("/allocs", () => probe?.Report() ?? "RBACKIT_ALLOC_PROBE=1 is not set");
app.Run();

// RbacKit as a resource server whose keys come from memory instead of the issuer's JWKS.
static void AddRbacKit(IServiceCollection services, TokenSource tokens)
{
    services.AddSingleton<IValidationKeySource>(new StaticKeySource(tokens.KeyId, tokens.PublicKey));
    services.AddRbacKitResourceServer(o =>
    {
        o.Authority = "http://127.0.0.1:9"; // never read: the key source above is used and the refresher is removed
        o.Issuer = TokenSource.Issuer;
        o.Audience = TokenSource.Audience;
        o.Permissions.Add("movies:read", "Read the catalogue.").Add("movies:write", "Change the catalogue.");
    });

    // Drop only the JWKS refresher (internal type): there is no issuer to read keys from.
    foreach (var refresher in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "RemoteKeyRefresher").ToList())
    {
        services.Remove(refresher);
    }
}

namespace RbacKit.HttpBenchmark
{
    internal sealed record Movie(int Id, string Title, int Year);

    /// <summary>GET /stats: the process's CPU time and allocated bytes so far, read by http.sh before and after each
    /// run, so each route's CPU microseconds and bytes per request come out beside its requests/s (CPU time is what a
    /// request costs whatever else the machine is doing).</summary>
    internal static class ProcessStats
    {
        public static string Read()
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return FormattableString.Invariant($"{process.TotalProcessorTime.TotalMicroseconds:F0} {GC.GetTotalAllocatedBytes(precise: true)} {GC.CollectionCount(0)}");
        }
    }

    [JsonSerializable(typeof(Movie))]
    internal sealed partial class BenchJson : JsonSerializerContext;

    /// <summary>The resource server's key, known in advance (a resource server reads it from the issuer's JWKS).</summary>
    internal sealed class StaticKeySource(string keyId, SecurityKey key) : IValidationKeySource
    {
        public bool TryGetKey(string keyId2, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SecurityKey? found, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? algorithm)
        {
            if (keyId2 == keyId)
            {
                found = key;
                algorithm = SecurityAlgorithms.RsaSha256;
                return true;
            }

            found = null;
            algorithm = null;
            return false;
        }

        public ValueTask<bool> RefreshForUnknownKeyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(false);
    }
}
