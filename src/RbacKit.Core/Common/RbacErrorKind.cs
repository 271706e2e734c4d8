namespace RbacKit;

/// <summary>The class of a failure, which a transport maps to a status (HTTP: 400, 401, 403, 404, 409, 429).</summary>
public enum RbacErrorKind
{
    /// <summary>The input is malformed or breaks a rule (HTTP 400).</summary>
    Validation,
    /// <summary>The caller is not authenticated or the credentials are wrong (HTTP 401).</summary>
    Unauthenticated,
    /// <summary>The caller is authenticated but not allowed (HTTP 403).</summary>
    Forbidden,
    /// <summary>The target does not exist (HTTP 404).</summary>
    NotFound,
    /// <summary>The change conflicts with the current state (HTTP 409).</summary>
    Conflict,
    /// <summary>Too many attempts (HTTP 429).</summary>
    TooManyRequests,
}
