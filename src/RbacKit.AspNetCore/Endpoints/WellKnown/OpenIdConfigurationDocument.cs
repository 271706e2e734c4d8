using System.Text.Json.Serialization;

namespace RbacKit.AspNetCore;

/// <summary>
/// The discovery document a resource server (RbacKit's, or a stock JwtBearer handler) reads. It states only what the
/// issuer does: who it is and where its public keys are. RbacKit issues no ID tokens and has no authorization or
/// implicit flow, so none of OpenID Connect's provider fields (<c>id_token_signing_alg_values_supported</c>,
/// <c>response_types_supported</c>, ...) are published, and the JSON login is no RFC 6749 <c>token_endpoint</c>.
/// </summary>
public sealed record OpenIdConfigurationDocument
{
    /// <summary>The issuer (<c>iss</c> of the tokens).</summary>
    [JsonPropertyName("issuer")] public required string Issuer { get; init; }

    /// <summary>Where the public keys are.</summary>
    [JsonPropertyName("jwks_uri")] public required string JwksUri { get; init; }
}
