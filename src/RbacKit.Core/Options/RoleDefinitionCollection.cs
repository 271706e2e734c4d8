namespace RbacKit;

/// <summary>The roles seeded in every environment, by name.</summary>
public sealed class RoleDefinitionCollection
{
    /// <summary>Holds every permission; a system role; only a superadmin can grant it.</summary>
    public const string Superadmin = "superadmin";
    /// <summary>Manages users and roles, but cannot grant superadmin or what it lacks.</summary>
    public const string Admin = "admin";
    /// <summary>The default role of new registrations.</summary>
    public const string User = "user";

    private readonly Dictionary<string, RoleDefinition> _roles = new(StringComparer.Ordinal);

    /// <summary>Creates the collection with superadmin, admin and user.</summary>
    public RoleDefinitionCollection()
    {
        var superadmin = new RoleDefinition { Name = Superadmin, Description = "Every permission. Cannot be deleted; only a superadmin can grant it.", IsSystem = true };
        superadmin.Permissions.Add(Permissions.PermissionName.All);
        _roles[Superadmin] = superadmin;
        Add(Admin, "Manages users and roles; cannot grant superadmin or permissions it lacks.", "roles:*", "users:*", "clients:*", RbacPermissions.AuditRead);
        Add(User, "Every registered user.");
    }

    /// <summary>The role names.</summary>
    public IReadOnlyCollection<RoleDefinition> All => _roles.Values;

    /// <summary>The definition of a role, created on first use.</summary>
    public RoleDefinition this[string name] => _roles.TryGetValue(name, out var role) ? role : Add(name, null);

    /// <summary>Declares a role, or adds permissions to one already declared.</summary>
    public RoleDefinition Add(string name, string? description, params string[] permissions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(permissions);
        if (!_roles.TryGetValue(name, out var role))
        {
            role = new RoleDefinition { Name = name, Description = description };
            _roles[name] = role;
        }
        else if (description is not null)
        {
            role.Description = description;
        }

        foreach (var permission in permissions)
        {
            role.Permissions.Add(permission);
        }

        return role;
    }
}
