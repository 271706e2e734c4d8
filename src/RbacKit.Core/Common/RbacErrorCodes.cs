namespace RbacKit;

/// <summary>The stable failure codes RbacKit reports. They appear as the <c>code</c> of problem details.</summary>
public static class RbacErrorCodes
{
    /// <summary>A request field is missing or invalid.</summary>
    public const string ValidationFailed = "validation_failed";
    /// <summary>The password breaks the policy (length, commonness).</summary>
    public const string WeakPassword = "weak_password";
    /// <summary>Email or password wrong, or the account is locked or deactivated (one answer for all).</summary>
    public const string InvalidCredentials = "invalid_credentials";
    /// <summary>The password was right but a second factor is required.</summary>
    public const string MfaRequired = "mfa_required";
    /// <summary>The second factor was wrong or already used.</summary>
    public const string InvalidMfaCode = "invalid_mfa_code";
    /// <summary>The email is already registered.</summary>
    public const string EmailTaken = "email_taken";
    /// <summary>The token is missing, malformed, expired, revoked or otherwise invalid.</summary>
    public const string InvalidToken = "invalid_token";
    /// <summary>A spent refresh token was presented again; its session is revoked.</summary>
    public const string TokenReused = "token_reused";
    /// <summary>Authenticated, but not allowed.</summary>
    public const string Forbidden = "forbidden";
    /// <summary>Granting would give more than the caller holds.</summary>
    public const string PrivilegeEscalation = "privilege_escalation";
    /// <summary>The target does not exist.</summary>
    public const string NotFound = "not_found";
    /// <summary>A role with that name exists.</summary>
    public const string RoleNameTaken = "role_name_taken";
    /// <summary>System roles cannot be deleted or renamed.</summary>
    public const string SystemRole = "system_role";
    /// <summary>The last superadmin cannot lose the role or be deactivated.</summary>
    public const string LastSuperadmin = "last_superadmin";
    /// <summary>Someone else changed the record first; reload and retry.</summary>
    public const string ConcurrencyConflict = "concurrency_conflict";
    /// <summary>The operation needs MFA to be in a different state.</summary>
    public const string MfaState = "mfa_state";
    /// <summary>An unknown permission name.</summary>
    public const string UnknownPermission = "unknown_permission";
    /// <summary>Too many attempts.</summary>
    public const string TooManyRequests = "too_many_requests";
    /// <summary>Too many wrong passwords or second factors: the account is locked and even a right proof is refused for now.</summary>
    public const string AccountLocked = "account_locked";
    /// <summary>The new password is the current one.</summary>
    public const string PasswordReused = "password_reused";
    /// <summary>The change needs the current password, or a more recent login.</summary>
    public const string ReauthenticationRequired = "reauthentication_required";
    /// <summary>The password was right but the address is not confirmed yet (<see cref="AccountOptions.RequireConfirmedEmail"/>).</summary>
    public const string EmailNotConfirmed = "email_not_confirmed";
    /// <summary>OAuth 2.0 (RFC 6749, section 5.2): the requested scope is more than the client is granted, or unknown.</summary>
    public const string InvalidScope = "invalid_scope";
    /// <summary>OAuth 2.0 (RFC 6749, section 5.2): client authentication failed.</summary>
    public const string InvalidClient = "invalid_client";
    /// <summary>OAuth 2.0 (RFC 6749, section 5.2): the grant (for example a refresh token) is invalid, expired, revoked or reused.</summary>
    public const string InvalidGrant = "invalid_grant";

    /// <summary>The service cannot take the request now (a queue is full or a dependency is down); <c>Retry-After</c> says when to try again.</summary>
    public const string ServiceUnavailable = "service_unavailable";
}
