using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CinemaAuthHost.Data;

/// <summary>Lets <c>dotnet ef migrations add X --context SqliteCinemaDbContext</c> build the context without starting the host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCinemaDbContext>
{
    public SqliteCinemaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCinemaDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add X --context PostgresCinemaDbContext</c> build the context without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCinemaDbContext>
{
    public PostgresCinemaDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCinemaDbContext>().UseNpgsql("Host=localhost;Database=cinema").Options);
}
