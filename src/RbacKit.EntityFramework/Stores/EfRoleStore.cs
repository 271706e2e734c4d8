using Microsoft.EntityFrameworkCore;
using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.EntityFramework;

internal sealed class EfRoleStore<TContext>(TContext context) : IRoleStore where TContext : DbContext
{
    private DbSet<Role> Roles => context.Set<Role>();

    private DbSet<UserRole> Grants => context.Set<UserRole>();

    private DbSet<User> Users => context.Set<User>();

    public async Task<IReadOnlyList<Role>> ListAsync(CancellationToken cancellationToken) =>
        await Roles.AsNoTracking().Include(r => r.Permissions).OrderBy(r => r.Name).ToListAsync(cancellationToken).ConfigureAwait(false);

    public Task<Role?> FindByIdAsync(Guid roleId, CancellationToken cancellationToken) =>
        Roles.AsNoTracking().Include(r => r.Permissions).FirstOrDefaultAsync(r => r.Id == roleId, cancellationToken);

    public Task<Role?> FindByNameAsync(string normalizedName, CancellationToken cancellationToken) =>
        Roles.AsNoTracking().Include(r => r.Permissions).FirstOrDefaultAsync(r => r.NormalizedName == normalizedName, cancellationToken);

    public async Task<StoreResult> CreateAsync(Role role, AuditEvent? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(role);
        Roles.Add(role);
        AddAudit(audit);
        return await context.InsertAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<StoreResult> UpdateAsync(Role role, Guid expectedConcurrencyStamp, AuditEvent? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(role);
        return context.InTransactionAsync(async () =>
        {
            var expected = expectedConcurrencyStamp;
            var stamp = role.ConcurrencyStamp;
            var rows = await Roles.Where(r => r.Id == role.Id && r.ConcurrencyStamp == expected).ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Name, role.Name)
                .SetProperty(r => r.NormalizedName, role.NormalizedName)
                .SetProperty(r => r.Description, role.Description)
                .SetProperty(r => r.IsSystem, role.IsSystem)
                .SetProperty(r => r.UpdatedAt, role.UpdatedAt)
                .SetProperty(r => r.Version, r => r.Version + 1)
                .SetProperty(r => r.ConcurrencyStamp, stamp), cancellationToken).ConfigureAwait(false);
            if (rows != 1)
            {
                return await Roles.AnyAsync(r => r.Id == role.Id, cancellationToken).ConfigureAwait(false) ? StoreResult.Conflict : StoreResult.NotFound;
            }

            // Only what changed: the permissions the edit removes are deleted and those it adds inserted (an edit of
            // the description alone writes the role row and the audit event, nothing else). The role row is locked
            // by the update above, so no concurrent edit changes the set between this read and the commit.
            var wanted = role.Permissions.Select(p => p.Permission).ToHashSet(StringComparer.Ordinal);
            var stored = await context.Set<RolePermission>().Where(p => p.RoleId == role.Id).Select(p => p.Permission)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var removed = stored.Where(p => !wanted.Contains(p)).ToList();
            if (removed.Count > 0)
            {
                await context.Set<RolePermission>().Where(p => p.RoleId == role.Id && removed.Contains(p.Permission))
                    .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            }

            wanted.ExceptWith(stored);
            context.Set<RolePermission>().AddRange(wanted.Select(p => new RolePermission { RoleId = role.Id, Permission = p }));
            AddAudit(audit);
            // The transaction is rolled back whole on any failure: no savepoint around the batch (two round trips).
            var savepoints = context.Database.AutoSavepointsEnabled;
            context.Database.AutoSavepointsEnabled = false;
            try
            {
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                context.Database.AutoSavepointsEnabled = savepoints;
            }

            // The holders' rows stay as they are: the role version is what changed, and caches compare it (one row
            // written however many users hold the role).
            return StoreResult.Success;
        }, cancellationToken);
    }

    public Task<StoreResult> DeleteAsync(Guid roleId, AuditEvent? audit, CancellationToken cancellationToken) =>
        context.InTransactionAsync(async () =>
        {
            await Grants.Where(g => g.RoleId == roleId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await context.Set<RolePermission>().Where(p => p.RoleId == roleId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            if (await Roles.Where(r => r.Id == roleId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                return StoreResult.NotFound;
            }

            AddAudit(audit);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return StoreResult.Success;
        }, cancellationToken);

    public async Task<IReadOnlyList<Role>> GetRolesOfUserAsync(Guid userId, CancellationToken cancellationToken) =>
        await Roles.AsNoTracking().Include(r => r.Permissions)
            .Where(r => Grants.Any(g => g.UserId == userId && g.RoleId == r.Id))
            .OrderBy(r => r.Name)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    public Task<StoreResult> AddUserRoleAsync(UserRole grant, AuditEvent? audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return context.InTransactionAsync(async () =>
        {
            if (!await Users.AnyAsync(u => u.Id == grant.UserId, cancellationToken).ConfigureAwait(false)
                || !await Roles.AnyAsync(r => r.Id == grant.RoleId, cancellationToken).ConfigureAwait(false))
            {
                return StoreResult.NotFound;
            }

            if (await Grants.AnyAsync(g => g.UserId == grant.UserId && g.RoleId == grant.RoleId, cancellationToken).ConfigureAwait(false))
            {
                return StoreResult.Duplicate;
            }

            Grants.Add(grant);
            AddAudit(audit);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await BumpUserAsync(grant.UserId, cancellationToken).ConfigureAwait(false);
            return StoreResult.Success;
        }, cancellationToken);
    }

    public Task<StoreResult> RemoveUserRoleAsync(Guid userId, Guid roleId, bool keepOneActiveHolder, AuditEvent? audit, CancellationToken cancellationToken) =>
        context.InTransactionAsync(async () =>
        {
            if (keepOneActiveHolder)
            {
                await context.LockRoleAsync(roleId, cancellationToken).ConfigureAwait(false);
                if (await context.IsLastActiveHolderAsync(userId, roleId, cancellationToken).ConfigureAwait(false))
                {
                    return StoreResult.LastHolder;
                }
            }

            if (await Grants.Where(g => g.UserId == userId && g.RoleId == roleId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                return StoreResult.NotFound;
            }

            AddAudit(audit);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await BumpUserAsync(userId, cancellationToken).ConfigureAwait(false);
            return StoreResult.Success;
        }, cancellationToken);

    public async Task<UserAuthorizationData?> GetAuthorizationDataAsync(Guid userId, CancellationToken cancellationToken)
    {
        // One round trip: the user row joined with its grants, roles and role permissions.
        var rows = await (
            from user in Users.AsNoTracking().Where(u => u.Id == userId)
            from grant in Grants.Where(g => g.UserId == user.Id).DefaultIfEmpty()
            from role in Roles.Where(r => grant != null && r.Id == grant.RoleId).DefaultIfEmpty()
            from permission in context.Set<RolePermission>().Where(p => role != null && p.RoleId == role.Id).DefaultIfEmpty()
            select new
            {
                user.IsActive,
                user.AuthorizationVersion,
                RoleId = role == null ? (Guid?)null : role.Id,
                RoleName = role == null ? null : role.Name,
                RoleVersion = role == null ? 0 : role.Version,
                Permission = permission == null ? null : permission.Permission,
            }).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return null;
        }

        var roles = rows.Where(r => r.RoleId is not null)
            .GroupBy(r => r.RoleId!.Value)
            .Select(g => new RoleGrantData(g.Key, g.First().RoleName!, g.First().RoleVersion,
                [.. g.Select(r => r.Permission).OfType<string>().Distinct(StringComparer.Ordinal)]))
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        return new UserAuthorizationData(userId, rows[0].IsActive, rows[0].AuthorizationVersion, roles);
    }


    private Task<int> BumpUserAsync(Guid userId, CancellationToken cancellationToken) =>
        Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set.SetProperty(u => u.AuthorizationVersion, u => u.AuthorizationVersion + 1), cancellationToken);

    private void AddAudit(AuditEvent? audit)
    {
        if (audit is not null)
        {
            context.Set<AuditEvent>().Add(audit);
        }
    }
}
