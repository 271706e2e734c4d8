namespace RbacKit.Seeding;

/// <summary>Loads the declared permission catalog and roles into the store. Idempotent.</summary>
public interface IRbacSeeder
{
    /// <summary>
    /// Stores catalog permissions, creates missing declared roles and adds missing declared grants. Never removes a grant:
    /// grants that no longer match the catalog are reported in <see cref="SeedReport.OrphanedGrants"/>. Also fills in the
    /// <see cref="Domain.User.EmailSkeleton"/> of accounts stored before it existed.
    /// </summary>
    Task<SeedReport> SeedAsync(CancellationToken cancellationToken);
}
