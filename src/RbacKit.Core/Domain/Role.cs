namespace RbacKit.Domain;

/// <summary>A named set of permission grants.</summary>
public sealed class Role
{
    /// <summary>The id (UUID version 7).</summary>
    public Guid Id { get; set; }

    /// <summary>The role name, for example <c>moderator</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The name for lookups; unique.</summary>
    public string NormalizedName { get; set; } = "";

    /// <summary>What the role is for.</summary>
    public string? Description { get; set; }

    /// <summary>System roles (superadmin) cannot be deleted or renamed.</summary>
    public bool IsSystem { get; set; }

    /// <summary>Bumped whenever the permissions change; keys cached permission bitsets.</summary>
    public long Version { get; set; } = 1;

    /// <summary>Changes on every update; optimistic concurrency token.</summary>
    public Guid ConcurrencyStamp { get; set; }

    /// <summary>When the role was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the role last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The permission grants: names or wildcards (<c>*</c>, <c>movies:*</c>).</summary>
    public List<RolePermission> Permissions { get; set; } = [];
}
