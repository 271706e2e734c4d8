namespace RbacKit;

/// <summary>The permissions RbacKit's own administration API requires.</summary>
public static class RbacPermissions
{
    /// <summary>Read roles and the catalog.</summary>
    public const string RolesRead = "roles:read";
    /// <summary>Change roles.</summary>
    public const string RolesWrite = "roles:write";
    /// <summary>Read users.</summary>
    public const string UsersRead = "users:read";
    /// <summary>Change users' grants and sessions.</summary>
    public const string UsersWrite = "users:write";
}
