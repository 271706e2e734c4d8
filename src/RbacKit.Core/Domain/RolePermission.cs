namespace RbacKit.Domain;

/// <summary>One permission (or wildcard) granted by a role.</summary>
public sealed class RolePermission
{
    /// <summary>The role.</summary>
    public Guid RoleId { get; set; }

    /// <summary>A permission name (<c>movies:write</c>) or wildcard (<c>*</c>, <c>movies:*</c>).</summary>
    public string Permission { get; set; } = "";
}
