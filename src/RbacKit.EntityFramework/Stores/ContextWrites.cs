using Microsoft.EntityFrameworkCore;
using RbacKit.Stores;

namespace RbacKit.EntityFramework;

/// <summary>Saves what a store added and leaves the context clean, whatever happens: stores never keep tracked entities.</summary>
internal static class ContextWrites
{
    public static async Task SaveAndClearAsync(this DbContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            context.ChangeTracker.Clear();
        }
    }

    /// <summary>Saves an insert; a unique-constraint violation is the store result <see cref="StoreResult.Duplicate"/>.</summary>
    public static async Task<StoreResult> InsertAsync(this DbContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.SaveAndClearAsync(cancellationToken).ConfigureAwait(false);
            return StoreResult.Success;
        }
        catch (DbUpdateException e) when (context.IsUniqueViolation(e))
        {
            return StoreResult.Duplicate;
        }
    }
}
