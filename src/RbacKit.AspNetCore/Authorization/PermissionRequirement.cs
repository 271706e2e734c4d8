using Microsoft.AspNetCore.Authorization;
using RbacKit.Permissions;

namespace RbacKit.AspNetCore;

/// <summary>
/// Requires permissions of the catalog: all of them, or at least one. Names are resolved to <see cref="PermissionId"/>s
/// once per catalog, so a check is a few bit tests.
/// </summary>
public sealed class PermissionRequirement : IAuthorizationRequirement
{
    private volatile Resolved? _resolved;

    /// <summary>Creates the requirement.</summary>
    /// <param name="permissions">Permission names (<c>resource:action</c>).</param>
    /// <param name="requireAll"><see langword="true"/>: every permission is needed; <see langword="false"/>: any one of them.</param>
    public PermissionRequirement(IEnumerable<string> permissions, bool requireAll)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        Permissions = [.. permissions];
        RequireAll = requireAll;
    }

    /// <summary>The permission names.</summary>
    public IReadOnlyList<string> Permissions { get; }

    /// <summary>Whether every permission is needed (otherwise any one).</summary>
    public bool RequireAll { get; }

    /// <summary>Whether <paramref name="granted"/> satisfies the requirement, with names resolved against <paramref name="catalog"/>.</summary>
    public bool IsSatisfiedBy(PermissionSet granted, PermissionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(granted);
        var ids = Resolve(catalog);
        return ids.Length > 0 && (RequireAll ? granted.ContainsAll(ids) : granted.ContainsAny(ids));
    }

    /// <summary>
    /// The one check of an RbacKit caller, shared by <see cref="PermissionAuthorizationHandler"/> and the policy
    /// evaluator's shortcut so the two cannot drift: the identity's permission bits against its own catalog.
    /// </summary>
    internal bool IsSatisfiedBy(RbacKitIdentity identity) => IsSatisfiedBy(identity.Permissions, identity.Catalog);

    /// <summary>The names of <see cref="Permissions"/> that <paramref name="catalog"/> does not declare.</summary>
    public IEnumerable<string> UnknownPermissions(PermissionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Permissions.Where(p => p is null || !catalog.TryGetId(p, out _));
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(RequireAll ? " and " : " or ", Permissions);

    private PermissionId[] Resolve(PermissionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var resolved = _resolved;
        if (resolved is not null && ReferenceEquals(resolved.Catalog, catalog))
        {
            return resolved.Ids;
        }

        // Unknown names are refused at start-up; should one slip through it grants nothing (fail closed).
        var ids = new List<PermissionId>(Permissions.Count);
        foreach (var name in Permissions)
        {
            if (name is not null && catalog.TryGetId(name, out var id))
            {
                ids.Add(id);
            }
            else if (RequireAll)
            {
                ids.Clear();
                break;
            }
        }

        resolved = new Resolved(catalog, [.. ids]);
        _resolved = resolved;
        return resolved.Ids;
    }

    private sealed record Resolved(PermissionCatalog Catalog, PermissionId[] Ids);
}
