namespace RbacKit;

/// <summary>A role seeded in every environment.</summary>
public sealed class RoleDefinition
{
    /// <summary>The name.</summary>
    public required string Name { get; init; }

    /// <summary>What it is for.</summary>
    public string? Description { get; set; }

    /// <summary>Whether it is a system role (cannot be deleted or renamed).</summary>
    public bool IsSystem { get; init; }

    /// <summary>Granted permission names and wildcards.</summary>
    public ISet<string> Permissions { get; } = new SortedSet<string>(StringComparer.Ordinal);
}
