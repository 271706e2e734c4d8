namespace RbacKit.Domain;

/// <summary>A permission of the catalog as stored for administration.</summary>
public sealed record PermissionDefinition
{
    /// <summary>The name, <c>resource:action</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>What it allows.</summary>
    public string? Description { get; init; }

    /// <summary>The type and identity only, never secrets, hashes or personal data, so the entity can be logged.</summary>
    public override string ToString() => $"PermissionDefinition {Name}";
}
