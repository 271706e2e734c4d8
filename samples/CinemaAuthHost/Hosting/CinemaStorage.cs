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

    /// <summary>
    /// <c>Data:Directory</c> (default <c>./data</c>) as an absolute path; a relative path is read the way the user reads
    /// it, against the current working directory (not the content root, which <c>dotnet run --project</c> and published
    /// builds place elsewhere, so two hosts started from different folders would share one database).
    /// </summary>
    public static string DataDirectory(IConfiguration configuration)
    {
        var configured = configuration["Data:Directory"] is { Length: > 0 } value ? value : "data";
        var directory = Path.GetFullPath(configured, Environment.CurrentDirectory);
        Directory.CreateDirectory(directory);
        return directory;
    }

    public static RbacKitBuilder AddCinemaStorage(this RbacKitBuilder rbac, IConfiguration configuration)
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

        var file = Path.Combine(DataDirectory(configuration), "cinema.db");
        services.AddDbContextPool<SqliteCinemaDbContext>((sp, o) => o.UseSqlite($"Data Source={file};Default Timeout=30").UseCinemaErrors(sp));
        services.AddScoped<CinemaDbContext>(sp => sp.GetRequiredService<SqliteCinemaDbContext>());
        return rbac.AddEntityFrameworkStores<SqliteCinemaDbContext>();
    }
}
