using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using RbacKit.Caching;
using RbacKit.Domain;
using RbacKit.Permissions;
using RbacKit.Stores;

namespace RbacKit.Administration;

internal sealed partial class RoleService(
    IRoleStore roles,
    EscalationGuard guard,
    PermissionCatalog catalog,
    IAuthorizationChangeFeed feed,
    TimeProvider time,
    ILogger<RoleService> logger) : IRoleService
{
    private const string SuperadminRoleOnly = "Only a superadmin can grant, revoke or change the superadmin role.";
    private const string SystemRoleOnly = "Only a superadmin can change a system role (every new registration gets the default role).";

    public async Task<IReadOnlyList<RoleInfo>> ListAsync(CancellationToken cancellationToken)
    {
        var list = await roles.ListAsync(cancellationToken).ConfigureAwait(false);
        return [.. list.Select(ToInfo)];
    }

    public async Task<RbacResult<RoleInfo>> GetAsync(Guid roleId, CancellationToken cancellationToken)
    {
        var role = await roles.FindByIdAsync(roleId, cancellationToken).ConfigureAwait(false);
        return role is null ? RbacError.NotFound("role") : ToInfo(role);
    }

    public async Task<RbacResult<RoleInfo>> FindByNameAsync(string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return RbacError.NotFound("role");
        }

        var role = await roles.FindByNameAsync(Normalizer.NormalizeKey(name), cancellationToken).ConfigureAwait(false);
        return role is null ? RbacError.NotFound("role") : ToInfo(role);
    }

    public async Task<RbacResult<RoleInfo>> CreateAsync(Guid actorId, RoleInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Validate(input) is { } invalid)
        {
            return invalid;
        }

        var permissions = Distinct(input.Permissions);
        if (await guard.CheckAsync(new AdminAction(actorId, "create role", $"role {input.Name}"), permissions, superadminOnly: null, cancellationToken).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var now = time.GetUtcNow();
        var id = IdGenerator.NewId(time);
        var role = new Role
        {
            Id = id,
            Name = input.Name!.Trim(),
            NormalizedName = Normalizer.NormalizeKey(input.Name),
            Description = Normalizer.CleanName(input.Description),
            ConcurrencyStamp = IdGenerator.NewId(time),
            CreatedAt = now,
            UpdatedAt = now,
            Permissions = [.. permissions.Select(p => new RolePermission { RoleId = id, Permission = p })],
        };
        var audit = AuditEvents.Create(time, actorId, "role.created", "role", role.Id.ToString(), null, ToInfo(role));
        switch (await roles.CreateAsync(role, audit, cancellationToken).ConfigureAwait(false))
        {
            case StoreResult.Success:
                var granted = string.Join(',', permissions);
                CoreLog.RoleCreated(logger, actorId, role.Id, role.Name, granted);
                return ToInfo(role);
            case StoreResult.Duplicate:
                return NameTaken();
            case var other:
                throw new InvalidOperationException($"Unexpected store result {other}.");
        }
    }

    public async Task<RbacResult<RoleInfo>> UpdateAsync(Guid actorId, Guid roleId, RoleInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Validate(input) is { } invalid)
        {
            return invalid;
        }

        var role = await roles.FindByIdAsync(roleId, cancellationToken).ConfigureAwait(false);
        if (role is null)
        {
            return RbacError.NotFound("role");
        }

        var permissions = Distinct(input.Permissions);
        var name = input.Name!.Trim();
        var renamed = !string.Equals(name, role.Name, StringComparison.Ordinal);
        var regranted = !permissions.SequenceEqual(role.Permissions.Select(p => p.Permission).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        if (role.IsSystem && (renamed || (SystemRoles.IsSuperadmin(role) && regranted)))
        {
            return new RbacError(RbacErrorKind.Conflict, RbacErrorCodes.SystemRole, "System roles cannot be renamed, and superadmin's permissions cannot change.");
        }

        var before = ToInfo(role);
        var touched = permissions.Concat(role.Permissions.Select(p => p.Permission));
        // The system roles need a superadmin: superadmin itself, and the default role every registration inherits
        // (widening it widens every account).
        var superadminOnly = !role.IsSystem ? null : SystemRoles.IsSuperadmin(role) ? SuperadminRoleOnly : SystemRoleOnly;
        if (await guard.CheckAsync(new AdminAction(actorId, "update role", $"role {roleId}"), touched, superadminOnly, cancellationToken).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var changed = role with
        {
            Name = name,
            NormalizedName = Normalizer.NormalizeKey(name),
            Description = Normalizer.CleanName(input.Description),
            Permissions = [.. permissions.Select(p => new RolePermission { RoleId = role.Id, Permission = p })],
            UpdatedAt = time.GetUtcNow(),
        };
        var audit = AuditEvents.Create(time, actorId, "role.updated", "role", role.Id.ToString(), before, ToInfo(changed));
        (var result, role) = await roles.SaveAsync(role, changed, audit, time, cancellationToken).ConfigureAwait(false);
        switch (result)
        {
            case StoreResult.Success:
                await feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.Role, role.Id), cancellationToken).ConfigureAwait(false);
                var granted = string.Join(',', permissions);
                CoreLog.RoleChanged(logger, actorId, role.Id, role.Name, granted);
                return ToInfo(role);
            case StoreResult.Duplicate:
                return NameTaken();
            case StoreResult.NotFound:
                return RbacError.NotFound("role");
            default:
                return new RbacError(RbacErrorKind.Conflict, RbacErrorCodes.ConcurrencyConflict, "The role changed at the same time; reload and try again.");
        }
    }

    public async Task<RbacResult> DeleteAsync(Guid actorId, Guid roleId, CancellationToken cancellationToken)
    {
        var role = await roles.FindByIdAsync(roleId, cancellationToken).ConfigureAwait(false);
        if (role is null)
        {
            return RbacError.NotFound("role");
        }

        if (role.IsSystem)
        {
            return new RbacError(RbacErrorKind.Conflict, RbacErrorCodes.SystemRole, $"The system role '{role.Name}' cannot be deleted.");
        }

        if (await guard.CheckAsync(new AdminAction(actorId, "delete role", $"role {roleId}"), role.Permissions.Select(p => p.Permission), superadminOnly: null, cancellationToken).ConfigureAwait(false) is { } denied)
        {
            return denied;
        }

        var audit = AuditEvents.Create(time, actorId, "role.deleted", "role", role.Id.ToString(), ToInfo(role), null);
        if (await roles.DeleteAsync(roleId, audit, cancellationToken).ConfigureAwait(false) != StoreResult.Success)
        {
            return RbacError.NotFound("role");
        }

        await feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.Role, roleId), cancellationToken).ConfigureAwait(false);
        CoreLog.RoleDeleted(logger, actorId, roleId, role.Name);
        return RbacResult.Success;
    }

    internal static RoleInfo ToInfo(Role role) =>
        new(role.Id, role.Name, role.Description, role.IsSystem, [.. role.Permissions.Select(p => p.Permission).Order(StringComparer.Ordinal)]);

    private static List<string> Distinct(IReadOnlyList<string>? permissions) =>
        [.. (permissions ?? []).Select(p => p.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private RbacError? Validate(RoleInput input)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(input.Name) || !RoleNameRegex().IsMatch(input.Name.Trim()))
        {
            errors["name"] = ["The name must be 1 to 64 characters of a-z, 0-9, '-', '_' and '.'."];
        }

        if (input.Description is { Length: > 500 })
        {
            errors["description"] = ["The description must be at most 500 characters."];
        }

        var permissions = input.Permissions ?? [];
        if (permissions.Count > 1000)
        {
            errors["permissions"] = ["At most 1000 permissions."];
        }
        else
        {
            var unknown = permissions.Where(p => p is null || !PermissionName.IsValidPattern(p.Trim()) || !catalog.TryExpand(p.Trim(), out _)).ToList();
            if (unknown.Count > 0)
            {
                return new RbacError(RbacErrorKind.Validation, RbacErrorCodes.UnknownPermission,
                    "Some permissions are not in the catalog.",
                    new Dictionary<string, string[]>(StringComparer.Ordinal) { ["permissions"] = [.. unknown.Select(p => $"Unknown permission '{p}'.")] });
            }
        }

        return errors.Count > 0 ? RbacError.Validation(errors) : null;
    }

    private static RbacError NameTaken() =>
        new(RbacErrorKind.Conflict, RbacErrorCodes.RoleNameTaken, "A role with this name already exists.");

    [GeneratedRegex("^[a-z0-9][a-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleNameRegex();
}
