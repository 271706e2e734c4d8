namespace RbacKit.Domain;

/// <summary>A named set of permission grants.</summary>
public sealed record Role
{
    /// <summary>The id (UUID version 7).</summary>
    public Guid Id { get; init; }

    /// <summary>The role name, for example <c>moderator</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>The name for lookups; unique.</summary>
    public string NormalizedName { get; init; } = "";

    /// <summary>What the role is for.</summary>
    public string? Description { get; init; }

    /// <summary>System roles (superadmin) cannot be deleted or renamed.</summary>
    public bool IsSystem { get; init; }

    /// <summary>Bumped whenever the permissions change; keys cached permission bitsets.</summary>
    public long Version { get; init; } = 1;

    /// <summary>Changes on every update; optimistic concurrency token.</summary>
    public Guid ConcurrencyStamp { get; init; }

    /// <summary>When the role was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the role last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The permission grants: names or wildcards (<c>*</c>, <c>movies:*</c>).</summary>
    public List<RolePermission> Permissions { get; init; } = [];

    /// <summary>The type and identity only, never secrets, hashes or personal data, so the entity can be logged.</summary>
    public override string ToString() => $"Role {Id} ({Name})";
}
