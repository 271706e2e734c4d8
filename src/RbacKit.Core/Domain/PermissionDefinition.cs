namespace RbacKit.Domain;

/// <summary>A permission of the catalog as stored for administration.</summary>
public sealed class PermissionDefinition
{
    /// <summary>The name, <c>resource:action</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>What it allows.</summary>
    public string? Description { get; set; }
}
