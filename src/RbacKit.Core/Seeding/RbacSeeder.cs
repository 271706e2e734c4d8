using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RbacKit.Administration;
using RbacKit.Caching;
using RbacKit.Domain;
using RbacKit.Permissions;
using RbacKit.Stores;

namespace RbacKit.Seeding;

internal sealed partial class RbacSeeder(
    IRoleStore roles,
    IUserStore users,
    IPermissionDefinitionStore permissions,
    PermissionCatalog catalog,
    IAuthorizationChangeFeed feed,
    IOptions<RbacKitOptions> options,
    TimeProvider time,
    ILogger<RbacSeeder> logger) : IRbacSeeder
{
    public async Task<SeedReport> SeedAsync(CancellationToken cancellationToken)
    {
        await permissions.UpsertAsync([.. catalog.Definitions], cancellationToken).ConfigureAwait(false);
        var created = new List<string>();
        var added = new List<string>();
        foreach (var definition in options.Value.Roles.All.OrderBy(r => r.Name, StringComparer.Ordinal))
        {
            var existing = await roles.FindByNameAsync(Normalizer.NormalizeKey(definition.Name), cancellationToken).ConfigureAwait(false);
            var isSystem = definition.IsSystem || string.Equals(definition.Name, options.Value.DefaultRole, StringComparison.Ordinal);
            if (existing is null)
            {
                var role = NewRole(definition, isSystem);
                var result = await roles.CreateAsync(role, AuditEvents.Create(time, null, "role.seeded", "role", role.Id.ToString(), null, RoleService.ToInfo(role)), cancellationToken).ConfigureAwait(false);
                if (result == StoreResult.Success)
                {
                    created.Add(definition.Name);
                }

                continue;
            }

            var missing = definition.Permissions.Except(existing.Permissions.Select(p => p.Permission), StringComparer.Ordinal).ToList();
            if (missing.Count == 0 && existing.IsSystem == isSystem)
            {
                continue;
            }

            var before = RoleService.ToInfo(existing);
            var seeded = existing with
            {
                Permissions = [.. existing.Permissions, .. missing.Select(p => new RolePermission { RoleId = existing.Id, Permission = p })],
                IsSystem = isSystem,
                UpdatedAt = time.GetUtcNow(),
            };
            var audit = AuditEvents.Create(time, null, "role.seeded", "role", existing.Id.ToString(), before, RoleService.ToInfo(seeded));
            if ((await roles.SaveAsync(existing, seeded, audit, time, cancellationToken).ConfigureAwait(false)).Result == StoreResult.Success)
            {
                added.AddRange(missing.Select(p => $"{existing.Name}: {p}"));
                await feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.Role, existing.Id), cancellationToken).ConfigureAwait(false);
            }
        }

        var orphaned = (await roles.ListAsync(cancellationToken).ConfigureAwait(false))
            .SelectMany(r => r.Permissions.Where(p => !catalog.TryExpand(p.Permission, out _)).Select(p => $"{r.Name}: {p.Permission}"))
            .ToList();
        foreach (var orphan in orphaned)
        {
            CoreLog.OrphanedGrant(logger, orphan);
        }

        await new EmailKeyBackfill(users, logger).RunAsync(cancellationToken).ConfigureAwait(false);
        return new SeedReport(created, added, orphaned);
    }

    private Role NewRole(RoleDefinition definition, bool isSystem)
    {
        var now = time.GetUtcNow();
        var id = IdGenerator.NewId(time);
        return new Role
        {
            Id = id,
            Name = definition.Name,
            NormalizedName = Normalizer.NormalizeKey(definition.Name),
            Description = definition.Description,
            IsSystem = isSystem,
            ConcurrencyStamp = IdGenerator.NewId(time),
            CreatedAt = now,
            UpdatedAt = now,
            Permissions = [.. definition.Permissions.Select(p => new RolePermission { RoleId = id, Permission = p })],
        };
    }
}
