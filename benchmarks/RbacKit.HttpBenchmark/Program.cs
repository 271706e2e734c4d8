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
// There is deliberately no UseAuthentication(): it would run the default scheme on every route (also /open). The
// authorization middleware authenticates each protected route with the schemes of its own policy, so each route pays
// only for its own protection.
var tokens = TokenSource.Create();

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BenchJson.Default));

// RbacKit as a resource server whose keys come from memory instead of the issuer's JWKS.
builder.Services.AddSingleton<IValidationKeySource>(new StaticKeySource(tokens.KeyId, tokens.PublicKey));
builder.Services.AddRbacKitResourceServer(o =>
{
    o.Authority = "http://127.0.0.1:9"; // never read: the key source above is used and the refresher is removed
    o.Issuer = TokenSource.Issuer;
    o.Audience = TokenSource.Audience;
    o.Permissions.Add("movies:read", "Read the catalogue.").Add("movies:write", "Change the catalogue.");
});
// Drop only the JWKS refresher (internal type): there is no issuer to read keys from.
foreach (var refresher in builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "RemoteKeyRefresher").ToList())
{
    builder.Services.Remove(refresher);
}

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
app.Run();

namespace RbacKit.HttpBenchmark
{
    internal sealed record Movie(int Id, string Title, int Year);

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
