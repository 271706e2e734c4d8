using CinemaAuthHost.Content;
using CinemaAuthHost.Errors;
using CinemaAuthHost.External;
using CinemaAuthHost.Web;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace CinemaAuthHost.Hosting;

/// <summary>The middleware pipeline and the routes: RbacKit's endpoint groups, the cinema content, docs and health.</summary>
internal static class CinemaApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.ConfigureEndpointDefaults(ProtocolRejectionProblems.Use);
        });
        builder.AddCinema();
        configure?.Invoke(builder);
        var app = builder.Build();

        app.UseMiddleware<SecurityHeaders>();
        if (HttpsSettings.Hsts(app.Configuration, app.Environment))
        {
            app.UseHsts();
        }

        if (HttpsSettings.Redirect(app.Configuration, app.Environment))
        {
            app.UseHttpsRedirection();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCinemaPageAssets();
        app.UseRouting();
        app.UseAuthentication();
        app.UseCinemaPageSession();
        app.UseAuthorization();
        app.UseMiddleware<ContentBodyLimitMiddleware>();

        app.MapRbacKitWellKnown();
        app.MapRbacKitAuthApi("/auth");
        app.MapRbacKitAccountApi("/me");
        app.MapRbacKitAdminApi("/");
        app.MapRbacKitClientsApi("/clients");
        app.MapRbacKitOAuth("/oauth");
        app.MapControllers();
        app.MapCinemaContent();
        app.MapCinemaExternal();
        app.MapCinemaPages();

        app.MapOpenApi();
        app.MapScalarApiReference("/docs", o => o.WithTitle("Cinema Auth API").DisableDefaultFonts());
        app.MapGet("/", () => Results.Redirect("/docs")).ExcludeFromDescription();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(CinemaHealthChecks.Ready) });
        return app;
    }

    /// <summary>
    /// Checks the whole configuration (options validation and <see cref="ProductionGuard"/>) before anything touches the
    /// database or the key ring, so a misconfigured start leaves no state behind.
    /// </summary>
    public static void Validate(WebApplication app)
    {
        ProductionGuard.CheckConfiguration(app.Environment, app.Configuration);
        app.Services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();
        ProductionGuard.Check(app.Environment, app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RbacKit.RbacKitOptions>>().Value);
    }

    /// <summary>Validates the configuration, migrates, seeds roles and, in Development, the demo users; then prints where to go.</summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken cancellationToken)
    {
        Validate(app);
        await using (await StartupLock.AcquireAsync(app.Configuration, cancellationToken))
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var seeder = scope.ServiceProvider.GetRequiredService<CinemaSeeder>();
            await seeder.MigrateAsync(cancellationToken);
            await seeder.SeedRolesAsync(cancellationToken);
            if (app.Environment.IsDevelopment())
            {
                await seeder.SeedDemoUsersAsync(cancellationToken);
            }
        }

        Mail.CinemaMail.LogDestination(app.Services);
        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app));
    }

    private static void PrintBanner(WebApplication app)
    {
        var url = app.Urls.FirstOrDefault() ?? "http://localhost:5080";
        var lines = new List<string>
        {
            "",
            $"  Cinema Auth API is running at {url}",
            $"  Interactive docs:  {url}/docs    OpenAPI: {url}/openapi/v1.json",
            CinemaStorage.UsesPostgres(app.Configuration)
                ? "  Database: PostgreSQL (ConnectionStrings:Postgres)"
                : $"  Database: {Path.Combine(CinemaStorage.DataDirectory(app.Configuration), "cinema.db")}",
        };
        if (app.Environment.IsDevelopment())
        {
            var password = app.Configuration["Demo:Password"] is { Length: > 0 } configured ? configured : CinemaSeeder.DefaultDemoPassword;
            lines.Add($"  Demo logins (password {password}):");
            lines.AddRange(CinemaSeeder.DemoUsers.Select(u => $"    {u.Email,-26} {u.Role}"));
            if (string.IsNullOrWhiteSpace(app.Configuration["Smtp:Host"]))
            {
                lines.Add($"  Mail (no Smtp:Host): .eml files in {app.Services.GetRequiredService<Mail.PickupFolder>().Path}");
            }
        }

        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
