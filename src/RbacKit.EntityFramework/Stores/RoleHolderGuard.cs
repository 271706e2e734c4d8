using Microsoft.EntityFrameworkCore;
using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.EntityFramework;

/// <summary>
/// What the role store (guarded revocation) and the user store (guarded deactivation) share: a transaction whose failures
/// map to store results, and the "last active holder" check under a lock on the role.
/// </summary>
internal static class RoleHolderGuard
{
    /// <summary>Runs <paramref name="work"/> in a transaction, committed only on success; a unique violation is <see cref="StoreResult.Duplicate"/>.</summary>
    public static async Task<StoreResult> InTransactionAsync(this DbContext context, Func<Task<StoreResult>> work, CancellationToken cancellationToken)
    {
        var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            try
            {
                var result = await work().ConfigureAwait(false);
                if (result == StoreResult.Success)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                }

                return result;
            }
            catch (Exception e) when (context.IsUniqueViolation(e))
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return StoreResult.Duplicate;
            }
            finally
            {
                context.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Serializes guarded revocations of one role (PostgreSQL row lock; SQLite transactions are already exclusive).</summary>
    public static async Task LockRoleAsync(this DbContext context, Guid roleId, CancellationToken cancellationToken)
    {
        if (!context.IsPostgres())
        {
            return;
        }

        var entity = context.Model.FindEntityType(typeof(Role))!;
        var table = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{entity.GetTableName()}\"" : $"\"{entity.GetTableName()}\"";
        var id = entity.FindProperty(nameof(Role.Id))!.GetColumnName();
#pragma warning disable EF1002 // identifiers come from the model, the id is a parameter
        await context.Database.ExecuteSqlRawAsync($"SELECT 1 FROM {table} WHERE \"{id}\" = {{0}} FOR UPDATE", [roleId], cancellationToken).ConfigureAwait(false);
#pragma warning restore EF1002
    }

    /// <summary>Whether no other active user holds <paramref name="roleId"/>.</summary>
    public static async Task<bool> IsLastActiveHolderAsync(this DbContext context, Guid userId, Guid roleId, CancellationToken cancellationToken) =>
        !await context.Set<UserRole>().AnyAsync(
            g => g.RoleId == roleId && g.UserId != userId && context.Set<User>().Any(u => u.Id == g.UserId && u.IsActive), cancellationToken).ConfigureAwait(false);
}
