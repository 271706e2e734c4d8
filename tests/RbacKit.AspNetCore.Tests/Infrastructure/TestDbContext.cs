using Microsoft.EntityFrameworkCore;

namespace RbacKit.AspNetCore.Tests;

/// <summary>A host's own DbContext that holds RbacKit's tables.</summary>
public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyRbacKitModel(Database);
    }
}
