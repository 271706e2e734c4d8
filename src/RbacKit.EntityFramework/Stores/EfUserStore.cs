using Microsoft.EntityFrameworkCore;
using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.EntityFramework;

internal sealed class EfUserStore<TContext>(TContext context, TimeProvider time) : IUserStore where TContext : DbContext
{
    private DbSet<User> Users => context.Set<User>();

    public async Task<StoreResult> CreateAsync(User user, IReadOnlyCollection<UserRole> initialRoles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(initialRoles);
        Users.Add(user);
        context.Set<UserRole>().AddRange(initialRoles);
        return await context.InsertAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<StoreResult> DeactivateAsync(Guid userId, Guid? guardedRoleId, DateTimeOffset at, CancellationToken cancellationToken) =>
        context.InTransactionAsync(async () =>
        {
            if (guardedRoleId is { } roleId)
            {
                await context.LockRoleAsync(roleId, cancellationToken).ConfigureAwait(false);
                if (await context.Set<UserRole>().AnyAsync(g => g.UserId == userId && g.RoleId == roleId, cancellationToken).ConfigureAwait(false)
                    && await context.IsLastActiveHolderAsync(userId, roleId, cancellationToken).ConfigureAwait(false))
                {
                    return StoreResult.LastHolder;
                }
            }

            var stamp = IdGenerator.NewId(time);
            var rows = await Users.Where(u => u.Id == userId && u.IsActive).ExecuteUpdateAsync(set => set
                .SetProperty(u => u.IsActive, false)
                .SetProperty(u => u.DeactivatedAt, at)
                .SetProperty(u => u.UpdatedAt, at)
                .SetProperty(u => u.ConcurrencyStamp, stamp)
                .SetProperty(u => u.AuthorizationVersion, u => u.AuthorizationVersion + 1), cancellationToken).ConfigureAwait(false);
            return rows == 1 ? StoreResult.Success : StoreResult.NotFound;
        }, cancellationToken);

    public Task<User?> FindByIdAsync(Guid userId, CancellationToken cancellationToken) =>
        Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);

    public Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);

    public async Task<StoreResult> UpdateAsync(User user, Guid expectedConcurrencyStamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var expected = expectedConcurrencyStamp;
        var stamp = user.ConcurrencyStamp;
        int rows;
        try
        {
            rows = await Users.Where(u => u.Id == user.Id && u.ConcurrencyStamp == expected).ExecuteUpdateAsync(set => set
                .SetProperty(u => u.Email, user.Email)
                .SetProperty(u => u.NormalizedEmail, user.NormalizedEmail)
                .SetProperty(u => u.EmailSkeleton, user.EmailSkeleton)
                .SetProperty(u => u.EmailConfirmed, user.EmailConfirmed)
                .SetProperty(u => u.FirstName, user.FirstName)
                .SetProperty(u => u.LastName, user.LastName)
                .SetProperty(u => u.MiddleName, user.MiddleName)
                .SetProperty(u => u.PasswordHash, user.PasswordHash)
                .SetProperty(u => u.MfaEnabled, user.MfaEnabled)
                .SetProperty(u => u.TotpSecret, user.TotpSecret)
                .SetProperty(u => u.PendingTotpSecret, user.PendingTotpSecret)
                .SetProperty(u => u.UpdatedAt, user.UpdatedAt)
                .SetProperty(u => u.ConcurrencyStamp, stamp), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (context.IsUniqueViolation(e))
        {
            return StoreResult.Duplicate;
        }

        if (rows == 1)
        {
            return StoreResult.Success;
        }

        return await Users.AnyAsync(u => u.Id == user.Id, cancellationToken).ConfigureAwait(false) ? StoreResult.Conflict : StoreResult.NotFound;
    }

    public async Task<IReadOnlyList<User>> ListWithoutEmailSkeletonAsync(Guid? after, int count, CancellationToken cancellationToken)
    {
        var query = Users.AsNoTracking().Where(u => u.EmailSkeleton == null);
        if (after is { } last)
        {
            query = query.Where(u => u.Id.CompareTo(last) > 0);
        }

        return await query.OrderBy(u => u.Id).Take(count).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoreResult> SetEmailKeysAsync(Guid userId, string normalizedEmail, string emailSkeleton, CancellationToken cancellationToken)
    {
        try
        {
            // Only while still unset: a concurrent email change (which writes both) is never overwritten.
            var rows = await Users.Where(u => u.Id == userId && u.EmailSkeleton == null).ExecuteUpdateAsync(set => set
                .SetProperty(u => u.NormalizedEmail, normalizedEmail)
                .SetProperty(u => u.EmailSkeleton, emailSkeleton), cancellationToken).ConfigureAwait(false);
            return rows == 1 ? StoreResult.Success : StoreResult.NotFound;
        }
        catch (Exception e) when (context.IsUniqueViolation(e))
        {
            return StoreResult.Duplicate;
        }
    }

    public async Task<bool> RecordLoginFailureAsync(Guid userId, int threshold, DateTimeOffset lockoutEnd, CancellationToken cancellationToken)
    {
        // One statement: concurrent failures from many addresses are all counted.
        await Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set
            .SetProperty(u => u.LockoutEnd, u => u.FailedLoginCount + 1 >= threshold ? lockoutEnd : u.LockoutEnd)
            .SetProperty(u => u.FailedLoginCount, u => u.FailedLoginCount + 1 >= threshold ? 0 : u.FailedLoginCount + 1), cancellationToken).ConfigureAwait(false);
        var end = await Users.Where(u => u.Id == userId).Select(u => u.LockoutEnd).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        // PostgreSQL keeps microseconds, DateTimeOffset 100 ns ticks: compare at the database's precision.
        return end is { } stored && (stored - lockoutEnd).Duration() < TimeSpan.FromMilliseconds(1);
    }

    public async Task<bool> ResetLoginFailuresAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // One conditional statement: never clears a lockout that is in force. Nothing to clear (the usual case) costs a
        // read instead of a row version.
        var cleared = await Users.Where(u => u.Id == userId && (u.FailedLoginCount > 0 || u.LockoutEnd != null) && (u.LockoutEnd == null || u.LockoutEnd <= now))
            .ExecuteUpdateAsync(set => set
                .SetProperty(u => u.FailedLoginCount, 0)
                .SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null), cancellationToken).ConfigureAwait(false);
        return cleared == 1 || !await Users.AnyAsync(u => u.Id == userId && u.LockoutEnd > now, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> IsEmailTakenAsync(string normalizedEmail, string? emailSkeleton, CancellationToken cancellationToken) =>
        emailSkeleton is null
            ? Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken)
            : Users.AnyAsync(u => u.NormalizedEmail == normalizedEmail || u.EmailSkeleton == emailSkeleton, cancellationToken);

    public Task ClearLockoutAsync(Guid userId, CancellationToken cancellationToken) =>
        Users.Where(u => u.Id == userId && (u.FailedLoginCount > 0 || u.LockoutEnd != null))
            .ExecuteUpdateAsync(set => set
                .SetProperty(u => u.FailedLoginCount, 0)
                .SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null), cancellationToken);

    public async Task<bool> TryAdvanceTotpStepAsync(Guid userId, long timeStep, CancellationToken cancellationToken) =>
        await Users.Where(u => u.Id == userId && (u.TotpLastStep == null || u.TotpLastStep < timeStep))
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.TotpLastStep, timeStep), cancellationToken).ConfigureAwait(false) == 1;

    public async Task<PagedResult<User>> SearchAsync(string? search, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var matching = string.IsNullOrEmpty(search) ? Users.AsNoTracking() : await UserSearch.MatchingAsync(context, search, time, cancellationToken).ConfigureAwait(false);
        var query = matching;
        if (page.After is { } after)
        {
            // Keyset (normalized_email, id) > (key, id), written so the email index serves the range.
            var key = after.Text;
            var id = after.Id;
#pragma warning disable CA1307, CA1309 // translated to SQL comparison in the column's collation, the same that orders the page
            query = query.Where(u => u.NormalizedEmail.CompareTo(key) >= 0 && (u.NormalizedEmail.CompareTo(key) > 0 || u.Id.CompareTo(id) > 0));
#pragma warning restore CA1307, CA1309
        }

        var ordered = query.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id).Skip(page.Offset).Take(page.Take);
        if (string.IsNullOrEmpty(search))
        {
            var (all, total) = await PagedQuery.ReadAsync(ordered, Users, page, cancellationToken).ConfigureAwait(false);
            return page.ToResult(all, total, u => u.NormalizedEmail, u => u.Id);
        }

        var items = await ordered.ToListAsync(cancellationToken).ConfigureAwait(false);
        // A short first page holds every match: its length is the count, and the search runs once (the usual search,
        // for one person, costs one index scan instead of two).
        var count = page.After is null && page.Offset == 0 && items.Count < page.Take
            ? items.Count
            : await matching.Take(Paging.CountLimit).LongCountAsync(cancellationToken).ConfigureAwait(false);
        return page.ToResult(items, count, u => u.NormalizedEmail, u => u.Id);
    }
}
