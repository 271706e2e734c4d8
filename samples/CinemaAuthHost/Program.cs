// CinemaAuthHost is filled in by the CinemaAuthHost issue; until then it only proves the packages wire up.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
await app.RunAsync();
