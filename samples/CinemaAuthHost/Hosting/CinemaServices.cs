using CinemaAuthHost.Errors;
using CinemaAuthHost.External;
using CinemaAuthHost.Mail;
using CinemaAuthHost.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CinemaAuthHost.Hosting;

/// <summary>Everything the host registers: RbacKit, storage, Redis, content, OpenAPI, health checks and logging.</summary>
internal static class CinemaServices
{
    public static WebApplicationBuilder AddCinema(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        ConfigureLogging(builder);
        var developmentIssuer = DevelopmentIssuer.Apply(builder);

        var rbac = builder.Services.AddRbacKit(o =>
        {
            o.Audience = "cinema-api";
            o.Mfa.IssuerName = "Cinema";
            // A correct password for an unconfirmed address is refused outside Development unless configured otherwise.
            o.Accounts.RequireConfirmedEmail = !builder.Environment.IsDevelopment();
            // The mail links open the host's own pages (Pages/Account); RbacKit:Accounts:*Path overrides them.
            o.Accounts.ResetPasswordPath = "/account/reset-password";
            o.Accounts.ConfirmEmailPath = "/account/confirm-email";
            configuration.GetSection("RbacKit").Bind(o);
            // Only in Development without RbacKit:Issuer; elsewhere ProductionGuard.CheckConfiguration refuses to start.
            o.Issuer = developmentIssuer ?? o.Issuer;
            CinemaPermissions.Declare(o);
        }).AddCinemaStorage(configuration);

        var redis = configuration.GetConnectionString("Redis");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            // Redis:Channel names the change feed and the rate-limit keys: instances that share it share both.
            rbac.AddRedis(redis, o => configuration.GetSection("Redis").Bind(o));
        }
        else if (CinemaStorage.UsesPostgres(configuration))
        {
            // Instances on one PostgreSQL database without Redis hear of each other's changes through LISTEN/NOTIFY.
            builder.Services.AddSingleton(sp => new PostgresChangeFeed(
                configuration.GetConnectionString("Postgres")!, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PostgresChangeFeed>>()));
            builder.Services.Replace(ServiceDescriptor.Singleton<RbacKit.Caching.IAuthorizationChangeFeed>(sp => sp.GetRequiredService<PostgresChangeFeed>()));
            builder.Services.AddHostedService<PostgresChangeFeedService>();
        }

        if (string.IsNullOrEmpty(configuration["RbacKit:Tokens:KeyEncryptionKey"]))
        {
            // Without a key-encryption key, Data Protection guards secrets at rest; its keys persist next to the database.
            builder.Services.AddDataProtection()
                .SetApplicationName("CinemaAuthHost")
                .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(CinemaStorage.DataDirectory(configuration), "keys")));
        }

        builder.Services.Configure<RbacKit.AspNetCore.RbacKitRateLimitOptions>(configuration.GetSection("RateLimits"));
        builder.Services.AddCinemaMail(configuration);
        builder.AddCinemaExternal();
        builder.AddCinemaPages();
        builder.Services.AddSingleton<IStartupFilter, ProductionGuard>();
        builder.Services.AddCinemaErrors();
        builder.Services.AddCinemaJson();
        builder.Services.AddOpenApi(o => o.AddRbacKit().AddOperationTransformer<ProtocolResponsesTransformer>());
        builder.Services.AddCinemaHealthChecks(!string.IsNullOrWhiteSpace(redis));
        builder.Services.AddHostedService<PartitionMaintenance>();
        builder.Services.AddCinemaTelemetry(configuration);
        builder.Services.AddScoped<CinemaSeeder>();
        return builder;
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.IncludeScopes = true;
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
        }
    }
}
