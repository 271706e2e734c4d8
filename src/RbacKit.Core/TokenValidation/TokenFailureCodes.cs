
namespace RbacKit.TokenValidation;

/// <summary>Stable snake_case codes of <see cref="TokenFailure"/>.</summary>
public static class TokenFailureCodes
{
    /// <summary>The code of a failure, for example <c>token_expired</c>.</summary>
    public static string ToCode(this TokenFailure failure) => failure switch
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
