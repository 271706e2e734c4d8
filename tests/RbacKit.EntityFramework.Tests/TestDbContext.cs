using Microsoft.EntityFrameworkCore;

namespace RbacKit.EntityFramework.Tests;

/// <summary>A consumer-style context: its own DbContext that applies RbacKit's model.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyRbacKitModel(Database);
}
