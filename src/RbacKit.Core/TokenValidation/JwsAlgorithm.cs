namespace RbacKit.TokenValidation;

/// <summary>The JWS algorithms the validator understands.</summary>
internal enum JwsAlgorithm
{
    Unsupported = 0,
    RS256,
    ES256,
    HS256,
}
