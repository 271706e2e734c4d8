using Microsoft.EntityFrameworkCore;

namespace RbacKit.EntityFramework;

/// <summary>A DbContext with only RbacKit's tables. Derive from it, or call <c>ApplyRbacKitModel</c> in your own context.</summary>
public class RbacKitDbContext(DbContextOptions options) : DbContext(options)
{
    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyRbacKitModel(Database);
    }
}
