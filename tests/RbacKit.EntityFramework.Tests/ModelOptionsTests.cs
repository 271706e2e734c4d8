using Microsoft.EntityFrameworkCore;
using RbacKit.Domain;
using RbacKit.Testing;

namespace RbacKit.EntityFramework.Tests;

public sealed class ModelOptionsTests
{
    private sealed class SchemaContext(DbContextOptions<SchemaContext> options) : DbContext(options)
    {
        public DbSet<Movie> Movies => Set<Movie>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.ApplyRbacKitModel(Database, o =>
            {
                o.Schema = "auth";
                o.TablePrefix = "kit_";
            });
    }

    public sealed class Movie
    {
        public int Id { get; set; }
        public string Title { get; set; } = "";
    }

    [Fact]
    public void Schema_and_prefix_apply_to_every_table_next_to_the_consumers_own()
    {
        var options = new DbContextOptionsBuilder<SchemaContext>().UseNpgsql("Host=127.0.0.1").Options;
        using var context = new SchemaContext(options);
        var rbac = context.Model.GetEntityTypes().Where(t => t.ClrType.Namespace == typeof(User).Namespace).ToList();
        Assert.Equal(12, rbac.Count);
        Assert.All(rbac, t => Assert.Equal("auth", t.GetSchema()));
        Assert.All(rbac, t => Assert.StartsWith("kit_", t.GetTableName(), StringComparison.Ordinal));
        Assert.Null(context.Model.FindEntityType(typeof(Movie))!.GetSchema());
    }

    [Fact]
    public async Task A_consumer_context_with_a_schema_is_created_on_postgres()
    {
        var options = new DbContextOptionsBuilder<SchemaContext>().UseNpgsql(TestServers.PostgresDatabase($"rbackit_schema_{Guid.CreateVersion7():N}"[..40])).Options;
        await using var context = new SchemaContext(options);
        await context.Database.EnsureCreatedAsync();
        context.Movies.Add(new Movie { Title = "Metropolis" });
        await context.SaveChangesAsync();
        var tables = await context.Database.SqlQueryRaw<string>("SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'auth'").ToListAsync();
        Assert.Contains("kit_users", tables);
        Assert.Contains("kit_login_events", tables);
        await context.Database.EnsureDeletedAsync();
    }

    [Fact]
    public void Sqlite_stores_times_as_unix_milliseconds()
    {
        var options = new DbContextOptionsBuilder<TestDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var context = new TestDbContext(options);
        var at = context.Model.FindEntityType(typeof(LoginEvent))!.FindProperty(nameof(LoginEvent.At))!;
        Assert.Equal(typeof(long), at.GetValueConverter()!.ProviderClrType);
        var pg = new TestDbContext(new DbContextOptionsBuilder<TestDbContext>().UseNpgsql("Host=127.0.0.1").Options);
        Assert.Null(pg.Model.FindEntityType(typeof(LoginEvent))!.FindProperty(nameof(LoginEvent.At))!.GetValueConverter());
        pg.Dispose();
    }
}
