using Microsoft.EntityFrameworkCore;

namespace RbacKit.Benchmarks.Postgres;

/// <summary>A consumer-style context: its own DbContext that applies RbacKit's model.</summary>
public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyRbacKitModel(Database);
}
