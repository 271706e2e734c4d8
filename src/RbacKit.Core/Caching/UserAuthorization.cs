using RbacKit.Permissions;

namespace RbacKit.Caching;

/// <summary>What a user may do now: the resolved permission bitset and what it came from.</summary>
public sealed class UserAuthorization
{
    /// <summary>The user.</summary>
    public required Guid UserId { get; init; }

    /// <summary>Whether the account is active.</summary>
    public required bool IsActive { get; init; }

    /// <summary>The authorization version the state was loaded at.</summary>
    public required long Version { get; init; }

    /// <summary>Role names held.</summary>
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>Permission names and wildcards granted by the roles (what goes into the <c>perms</c> claim).</summary>
    public required IReadOnlyList<string> Grants { get; init; }

    /// <summary>The effective permissions, interned.</summary>
    public required PermissionSet Permissions { get; init; }

    /// <summary>Whether the user holds the given role.</summary>
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);
}
