using System.Text.Json.Serialization;

namespace RbacKit.AspNetCore;

/// <summary>The discovery document (OpenID Connect Discovery 1.0, RFC 8414) a resource server reads.</summary>
public sealed record OpenIdConfigurationDocument
{
    /// <summary>The issuer (<c>iss</c> of the tokens).</summary>
    [JsonPropertyName("issuer")] public required string Issuer { get; init; }

    /// <summary>Where the public keys are.</summary>
    [JsonPropertyName("jwks_uri")] public required string JwksUri { get; init; }

    /// <summary>Where tokens are obtained (the login endpoint), when mapped.</summary>
    [JsonPropertyName("token_endpoint"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TokenEndpoint { get; init; }

    /// <summary>The signing algorithms of tokens.</summary>
    [JsonPropertyName("id_token_signing_alg_values_supported")] public required IReadOnlyList<string> SigningAlgorithms { get; init; }

    /// <summary>Always <c>public</c>.</summary>
    [JsonPropertyName("subject_types_supported")] public IReadOnlyList<string> SubjectTypes { get; init; } = ["public"];

    /// <summary>Response types; RbacKit issues tokens directly.</summary>
    [JsonPropertyName("response_types_supported")] public IReadOnlyList<string> ResponseTypes { get; init; } = ["token"];

    /// <summary>The claims tokens carry.</summary>
    [JsonPropertyName("claims_supported")] public IReadOnlyList<string> Claims { get; init; } = ["iss", "aud", "sub", "sid", "jti", "iat", "nbf", "exp", "roles", "perms", "ver"];
}
