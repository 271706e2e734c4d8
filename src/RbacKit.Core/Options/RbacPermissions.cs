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
    /// <summary>List and read OAuth clients (service accounts).</summary>
    public const string ClientsRead = "clients:read";
    /// <summary>Create OAuth clients, rotate their secrets, delete them.</summary>
    public const string ClientsWrite = "clients:write";
    /// <summary>Read the audit trail (<c>GET /audit-events</c>).</summary>
    public const string AuditRead = "audit:read";
    /// <summary>Introspect tokens at the RFC 7662 endpoint (granted to a client).</summary>
    public const string TokensIntrospect = "tokens:introspect";
}
