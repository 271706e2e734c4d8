using CinemaAuthHost.Content;
using Microsoft.EntityFrameworkCore;

namespace CinemaAuthHost.Data;

/// <summary>The host's own context: cinema content next to RbacKit's tables, in one set of migrations per provider.</summary>
public abstract class CinemaDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Movie> Movies => Set<Movie>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<Series> Series => Set<Series>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyRbacKitModel(Database);
        modelBuilder.Entity<Movie>(movie =>
        {
            movie.ToTable("movies");
            movie.Property(m => m.Title).HasMaxLength(200).IsRequired();
            movie.Property(m => m.Description).HasMaxLength(2000);
            movie.HasIndex(m => m.Title);
            movie.HasOne<Author>().WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.SetNull);
        });
        modelBuilder.Entity<Author>(author =>
        {
            author.ToTable("authors");
            author.Property(a => a.Name).HasMaxLength(200).IsRequired();
            author.Property(a => a.Biography).HasMaxLength(2000);
            author.HasIndex(a => a.Name);
        });
        modelBuilder.Entity<Series>(series =>
        {
            series.ToTable("series");
            series.Property(s => s.Title).HasMaxLength(200).IsRequired();
            series.Property(s => s.Description).HasMaxLength(2000);
            series.HasIndex(s => s.Title);
        });
        if (Database.ProviderName?.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) == true)
        {
            foreach (var property in modelBuilder.Model.GetEntityTypes().Where(t => t.ClrType.Namespace == typeof(Movie).Namespace)
                .SelectMany(t => t.GetProperties()).Where(p => p.ClrType == typeof(DateTimeOffset)))
            {
                property.SetValueConverter(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter());
            }
        }
    }
}

/// <summary>The SQLite flavour (embedded, no setup). Its migrations live in Migrations/Sqlite.</summary>
public sealed class SqliteCinemaDbContext(DbContextOptions<SqliteCinemaDbContext> options) : CinemaDbContext(options);

/// <summary>The PostgreSQL flavour. Its migrations live in Migrations/Postgres.</summary>
public sealed class PostgresCinemaDbContext(DbContextOptions<PostgresCinemaDbContext> options) : CinemaDbContext(options);
