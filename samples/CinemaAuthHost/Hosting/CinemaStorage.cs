using CinemaAuthHost.Data;
using CinemaAuthHost.Errors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RbacKit;

namespace CinemaAuthHost.Hosting;

/// <summary>Chooses the database: PostgreSQL when <c>ConnectionStrings:Postgres</c> is set, else an embedded SQLite file.</summary>
internal static class CinemaStorage
{
    public static bool UsesPostgres(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres"));

    public static string DataDirectory(IConfiguration configuration, IHostEnvironment environment)
    {
        var directory = configuration["Data:Directory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, environment.ContentRootPath)
            : Path.Combine(environment.ContentRootPath, "data");
        Directory.CreateDirectory(directory);
        return directory;
    }

    public static RbacKitBuilder AddCinemaStorage(this RbacKitBuilder rbac, IConfiguration configuration, IHostEnvironment environment)
    {
        var services = rbac.Services;
        services.TryAddSingleton<DatabaseAvailability>();
        if (UsesPostgres(configuration))
        {
            var connectionString = configuration.GetConnectionString("Postgres")!;
            // No EnableRetryOnFailure: RbacKit's stores and partition maintenance open their own transactions, which a
            // retrying execution strategy refuses ("does not support user-initiated transactions").
            services.AddDbContextPool<PostgresCinemaDbContext>((sp, o) => o.UseNpgsql(connectionString).UseCinemaErrors(sp));
            services.AddScoped<CinemaDbContext>(sp => sp.GetRequiredService<PostgresCinemaDbContext>());
            return rbac.AddEntityFrameworkStores<PostgresCinemaDbContext>();
        }

        var file = Path.Combine(DataDirectory(configuration, environment), "cinema.db");
        services.AddDbContextPool<SqliteCinemaDbContext>((sp, o) => o.UseSqlite($"Data Source={file};Default Timeout=30").UseCinemaErrors(sp));
        services.AddScoped<CinemaDbContext>(sp => sp.GetRequiredService<SqliteCinemaDbContext>());
        return rbac.AddEntityFrameworkStores<SqliteCinemaDbContext>();
    }
}
