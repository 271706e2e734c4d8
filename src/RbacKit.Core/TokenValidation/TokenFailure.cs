
namespace RbacKit.TokenValidation;

/// <summary>Why an access token was refused. Stable: used as metric tags and in problem details.</summary>
public enum TokenFailure
{
    /// <summary>Not refused.</summary>
    None = 0,
    /// <summary>Empty, not three base64url segments, or unreadable JSON.</summary>
    Malformed,
    /// <summary>Longer than <see cref="TokenOptions.MaxTokenSize"/>.</summary>
    TooLarge,
    /// <summary>The <c>alg</c> is not on the allow-list or does not fit the key.</summary>
    UnsupportedAlgorithm,
    /// <summary>The <c>typ</c> is not <c>at+jwt</c>.</summary>
    InvalidType,
    /// <summary>No known key has this <c>kid</c>.</summary>
    UnknownKey,
    /// <summary>The signature does not verify.</summary>
    InvalidSignature,
    /// <summary>Past <c>exp</c>, or no <c>exp</c>.</summary>
    Expired,
    /// <summary>Before <c>nbf</c>.</summary>
    NotYetValid,
    /// <summary>Wrong <c>iss</c>.</summary>
    InvalidIssuer,
    /// <summary>Wrong <c>aud</c>.</summary>
    InvalidAudience,
    /// <summary>A required claim (<c>sub</c>, <c>sid</c>, <c>jti</c>, <c>exp</c>) is missing or unreadable.</summary>
    MissingClaim,
    /// <summary>The header lists a <c>crit</c> extension RbacKit does not understand.</summary>
    UnsupportedCritical,
    /// <summary>The session was revoked or the user deactivated.</summary>
    Revoked,
    /// <summary>Issued in the future (<c>iat</c> beyond the clock skew), or valid longer (<c>exp</c> - <c>iat</c>) than the longest access-token lifetime.</summary>
    InvalidLifetime,
    /// <summary>The header or payload is not valid UTF-8 (RFC 8725 3.7).</summary>
    InvalidEncoding,
}
