using CinemaCatalogService;

// A downstream service with no database: it trusts CinemaAuthHost's tokens through discovery + JWKS and enforces
// permissions from the token alone. With ConnectionStrings:Redis shared with the auth host, revocations arrive within a
// second; without it, a revoked access token works until it expires (at most the issuer's access-token lifetime).
var builder = WebApplication.CreateBuilder(args);
var rbac = builder.Services.AddRbacKitResourceServer(o =>
{
    o.Authority = builder.Configuration["Auth:Authority"] ?? "http://127.0.0.1:5080";
    o.Issuer = builder.Configuration["Auth:Issuer"];
    o.Audience = builder.Configuration["Auth:Audience"] ?? "cinema-api";
    o.Permissions.Add("movies:read", "Read the catalogue.").Add("movies:write", "Change the catalogue.");
});
if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
{
    rbac.AddRedis(redis);
}

builder.Services.AddHealthChecks().AddRbacKitIssuerKeys(tags: ["ready"]);
builder.Services.AddControllers();
builder.Services.AddSingleton<Catalog>();
var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapControllers();
app.MapGet("/catalog", (Catalog catalog) => catalog.All()).RequirePermission("movies:read");
app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
app.MapHealthChecks("/health/ready"); // ready once the issuer's signing keys are loaded
app.Run();
