using CinemaAuthHost.Content;
using CinemaAuthHost.External;
using Microsoft.EntityFrameworkCore;

namespace CinemaAuthHost.Data;

/// <summary>The host's own context: cinema content next to RbacKit's tables, in one set of migrations per provider.</summary>
public abstract class CinemaDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Movie> Movies => Set<Movie>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<Series> Series => Set<Series>();
    public DbSet<ExternalLogin> ExternalLogins => Set<ExternalLogin>();
    public DbSet<ExternalSignInCode> ExternalSignInCodes => Set<ExternalSignInCode>();

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
        modelBuilder.Entity<ExternalLogin>(login =>
        {
            login.ToTable("external_logins");
            login.HasKey(l => l.Id);
            login.Property(l => l.Provider).HasMaxLength(64).IsRequired();
            login.Property(l => l.Subject).HasMaxLength(256).IsRequired();
            login.Property(l => l.Email).HasMaxLength(254);
            login.HasIndex(l => new { l.Provider, l.Subject }).IsUnique();
            login.HasIndex(l => new { l.UserId, l.Provider }).IsUnique();
            login.HasOne<RbacKit.Domain.User>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ExternalSignInCode>(code =>
        {
            code.ToTable("external_sign_in_codes");
            code.HasKey(c => c.CodeHash);
            code.Property(c => c.CodeHash).HasMaxLength(32);
            code.Property(c => c.Provider).HasMaxLength(64).IsRequired();
            code.HasIndex(c => c.ExpiresAt);
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
