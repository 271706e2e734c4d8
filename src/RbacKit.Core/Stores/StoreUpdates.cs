using RbacKit.Domain;

namespace RbacKit.Stores;

/// <summary>
/// Optimistic updates as the services make them: the changed copy gets a new concurrency stamp, and the store saves it
/// only while the stored stamp is still the one of the copy the change was made from.
/// </summary>
internal static class StoreUpdates
{
    /// <summary>Saves <paramref name="changed"/>, a copy of <paramref name="read"/>; on success the saved copy (with its new stamp).</summary>
    public static async Task<(StoreResult Result, User Saved)> SaveAsync(this IUserStore users, User read, User changed, TimeProvider time, CancellationToken cancellationToken)
    {
        var saved = changed with { ConcurrencyStamp = IdGenerator.NewId(time) };
        return (await users.UpdateAsync(saved, read.ConcurrencyStamp, cancellationToken).ConfigureAwait(false), saved);
    }

    /// <summary>Saves <paramref name="changed"/>, a copy of <paramref name="read"/>, with its audit event; on success the saved copy.</summary>
    public static async Task<(StoreResult Result, Role Saved)> SaveAsync(this IRoleStore roles, Role read, Role changed, AuditEvent? audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var saved = changed with { ConcurrencyStamp = IdGenerator.NewId(time), Version = read.Version + 1 };
        return (await roles.UpdateAsync(saved, read.ConcurrencyStamp, audit, cancellationToken).ConfigureAwait(false), saved);
    }
}
