using RbacKit.Domain;

namespace RbacKit;

/// <summary>Collects the permissions a host declares in code.</summary>
public sealed class PermissionCatalogBuilder
{
    private readonly Dictionary<string, string?> _permissions = new(StringComparer.Ordinal)
    {
        [RbacPermissions.RolesRead] = "List and read roles and the permission catalog.",
        [RbacPermissions.RolesWrite] = "Create, change and delete roles.",
        [RbacPermissions.UsersRead] = "List users, read their roles and check their permissions.",
        [RbacPermissions.UsersWrite] = "Grant and revoke roles, end users' sessions.",
        [RbacPermissions.ClientsRead] = "List and read OAuth clients (service accounts).",
        [RbacPermissions.ClientsWrite] = "Create OAuth clients, rotate their secrets, delete them.",
        [RbacPermissions.AuditRead] = "Read the audit trail: who changed which role, grant, client or account, when, before and after.",
        [RbacPermissions.TokensIntrospect] = "Introspect access tokens (RFC 7662).",
    };

    /// <summary>Declares a permission (<c>resource:action</c>). Declaring it again replaces the description.</summary>
    public PermissionCatalogBuilder Add(string name, string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _permissions[name] = description;
        return this;
    }

    /// <summary>The declared permissions.</summary>
    public IReadOnlyCollection<PermissionDefinition> Build() =>
        [.. _permissions.Select(p => new PermissionDefinition { Name = p.Key, Description = p.Value })];
}
