using RbacKit.TokenValidation;

namespace RbacKit;

/// <summary>
/// The one family of stable failure codes RbacKit reports, from Core's results, the web layer and token validation alike.
/// They appear as the <c>code</c> of problem details, as OAuth <c>error</c> values where RFC 6749 names them, and (the
/// <c>token_*</c> codes) as the reason of a refused bearer token in logs, traces and the <c>error.type</c> of metrics.
/// docs/error-codes.md lists each with its HTTP status.
/// </summary>
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

    /// <summary>OAuth 2.0 (RFC 6749, section 5.2): a parameter is missing, repeated or malformed.</summary>
    public const string InvalidRequest = "invalid_request";
    /// <summary>OAuth 2.0 (RFC 6749, section 5.2): the <c>grant_type</c> is not one this server supports.</summary>
    public const string UnsupportedGrantType = "unsupported_grant_type";

    /// <summary>The service cannot take the request now (a queue is full or a dependency is down); <c>Retry-After</c> says when to try again.</summary>
    public const string ServiceUnavailable = "service_unavailable";

    /// <summary>No credentials were sent (401).</summary>
    public const string Unauthenticated = "unauthenticated";
    /// <summary>The request body is not valid JSON of the expected shape (400).</summary>
    public const string InvalidJson = "invalid_json";
    /// <summary>The request body is not <c>application/json</c> (415).</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";
    /// <summary>The request body is larger than the endpoint accepts (413).</summary>
    public const string PayloadTooLarge = "payload_too_large";

    /// <summary>Why a bearer token was refused (<see cref="TokenFailure"/>); the answer itself is always <see cref="InvalidToken"/>.</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>A <c>token_*</c> code, for example <c>token_expired</c>; <c>none</c> for <see cref="TokenFailure.None"/>.</returns>
    public static string Of(TokenFailure failure) => failure switch
    {
        TokenFailure.None => "none",
        TokenFailure.Malformed => "token_malformed",
        TokenFailure.TooLarge => "token_too_large",
        TokenFailure.UnsupportedAlgorithm => "token_algorithm_not_allowed",
        TokenFailure.InvalidType => "token_type_invalid",
        TokenFailure.UnknownKey => "token_key_unknown",
        TokenFailure.InvalidSignature => "token_signature_invalid",
        TokenFailure.Expired => "token_expired",
        TokenFailure.NotYetValid => "token_not_yet_valid",
        TokenFailure.InvalidIssuer => "token_issuer_invalid",
        TokenFailure.InvalidAudience => "token_audience_invalid",
        TokenFailure.MissingClaim => "token_claim_missing",
        TokenFailure.UnsupportedCritical => "token_crit_unsupported",
        TokenFailure.Revoked => "token_revoked",
        TokenFailure.InvalidLifetime => "token_lifetime_invalid",
        TokenFailure.InvalidEncoding => "token_encoding_invalid",
        _ => "token_invalid",
    };
}
