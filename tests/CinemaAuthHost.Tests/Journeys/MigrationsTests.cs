using CinemaAuthHost.Data;
using Microsoft.EntityFrameworkCore;

namespace CinemaAuthHost.Tests;

/// <summary>The committed migrations match the model of each provider's context: no change is waiting for a migration.</summary>
public sealed class MigrationsTests
{
    [Fact]
    public void The_sqlite_model_has_no_pending_changes()
    {
        using var context = new SqliteCinemaDbContext(new DbContextOptionsBuilder<SqliteCinemaDbContext>().UseSqlite("Data Source=:memory:").Options);
        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(), "SqliteCinemaDbContext changed without a migration (dotnet ef migrations add ... --context SqliteCinemaDbContext --output-dir Migrations/Sqlite)");
    }

    [Fact]
    public void The_postgres_model_has_no_pending_changes()
    {
        using var context = new PostgresCinemaDbContext(new DbContextOptionsBuilder<PostgresCinemaDbContext>().UseNpgsql("Host=localhost;Database=cinema").Options);
        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(), "PostgresCinemaDbContext changed without a migration (dotnet ef migrations add ... --context PostgresCinemaDbContext --output-dir Migrations/Postgres)");
    }
}
