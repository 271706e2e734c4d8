namespace RbacKit.Domain;

/// <summary>One permission (or wildcard) granted by a role.</summary>
public sealed record RolePermission
{
    /// <summary>The role.</summary>
    public Guid RoleId { get; init; }

    /// <summary>A permission name (<c>movies:write</c>) or wildcard (<c>*</c>, <c>movies:*</c>).</summary>
    public string Permission { get; init; } = "";

    /// <summary>The type and identity only, never secrets, hashes or personal data, so the entity can be logged.</summary>
    public override string ToString() => $"RolePermission {RoleId} {Permission}";
}
