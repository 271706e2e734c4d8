namespace RbacKit;

/// <summary>Every setting of RbacKit. Validated at start-up; a failure says which setting to change.</summary>
public sealed class RbacKitOptions
{
    /// <summary>The <c>iss</c> of issued tokens, usually the public base URL of the auth service. Required.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The <c>aud</c> of issued tokens, the API the tokens are for. Required.</summary>
    public string Audience { get; set; } = "";

    /// <summary>Access-token, signing-key and validation settings.</summary>
    public TokenOptions Tokens { get; } = new();

    /// <summary>Session and refresh-token lifetimes.</summary>
    public SessionOptions Sessions { get; } = new();

    /// <summary>Password hashing and policy.</summary>
    public PasswordOptions Passwords { get; } = new();

    /// <summary>Account lockout after failed logins.</summary>
    public LockoutOptions Lockout { get; } = new();

    /// <summary>Address confirmation, recovery and registration privacy.</summary>
    public AccountOptions Accounts { get; } = new();

    /// <summary>TOTP and recovery codes.</summary>
    public MfaOptions Mfa { get; } = new();

    /// <summary>Login-history retention.</summary>
    public LoginHistoryOptions LoginHistory { get; } = new();

    /// <summary>The permission catalog. Starts with the permissions the admin API needs.</summary>
    public PermissionCatalogBuilder Permissions { get; } = new();

    /// <summary>The roles seeded in every environment. Starts with superadmin, admin and user.</summary>
    public RoleDefinitionCollection Roles { get; } = new();

    /// <summary>The role every new registration receives. Default <c>user</c>; empty for none.</summary>
    public string DefaultRole { get; set; } = RoleDefinitionCollection.User;

    /// <summary>How long cached authorization state (user active flag, version, permissions, session liveness) may be used without a change notification. Default 1 minute.</summary>
    public TimeSpan StateCacheDuration { get; set; } = TimeSpan.FromMinutes(1);
}
