namespace RbacKit;

/// <summary>The JWS algorithms RbacKit signs and accepts: an allow-list. <c>none</c> is never accepted.</summary>
public static class SigningAlgorithms
{
    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256.</summary>
    public const string RS256 = "RS256";

    /// <summary>ECDSA on P-256 with SHA-256.</summary>
    public const string ES256 = "ES256";

    /// <summary>HMAC with SHA-256 (symmetric: keys are never published).</summary>
    public const string HS256 = "HS256";

    /// <summary>Whether <paramref name="algorithm"/> is on the allow-list.</summary>
    public static bool IsSupported(string? algorithm) => algorithm is RS256 or ES256 or HS256;

    /// <summary>Whether <paramref name="algorithm"/> uses a public key that may be published in the JWKS.</summary>
    public static bool IsAsymmetric(string? algorithm) => algorithm is RS256 or ES256;
}
