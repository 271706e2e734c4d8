using System.Text.Json.Serialization;

namespace RbacKit.AspNetCore;

/// <summary>
/// The discovery document a resource server (RbacKit's, or a stock JwtBearer handler) reads. It states only what the
/// issuer does: who it is, where its public keys are and, when the host maps <c>MapRbacKitOAuth</c>, its RFC 6749 token,
/// RFC 7009 revocation and RFC 7662 introspection endpoints. RbacKit issues no ID tokens and has no authorization or
/// implicit flow, so none of OpenID Connect's provider fields (<c>id_token_signing_alg_values_supported</c>,
/// <c>response_types_supported</c>, ...) are published.
/// </summary>
public sealed record OpenIdConfigurationDocument
{
    /// <summary>The issuer (<c>iss</c> of the tokens).</summary>
    [JsonPropertyName("issuer")] public required string Issuer { get; init; }

    /// <summary>Where the public keys are.</summary>
    [JsonPropertyName("jwks_uri")] public required string JwksUri { get; init; }

    /// <summary>The RFC 6749 token endpoint.</summary>
    [JsonPropertyName("token_endpoint")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TokenEndpoint { get; init; }

    /// <summary>The RFC 7009 revocation endpoint.</summary>
    [JsonPropertyName("revocation_endpoint")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? RevocationEndpoint { get; init; }

    /// <summary>The RFC 7662 introspection endpoint.</summary>
    [JsonPropertyName("introspection_endpoint")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? IntrospectionEndpoint { get; init; }

    /// <summary>The grant types of the token endpoint.</summary>
    [JsonPropertyName("grant_types_supported")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? GrantTypesSupported { get; init; }

    /// <summary>How clients authenticate at the token endpoint.</summary>
    [JsonPropertyName("token_endpoint_auth_methods_supported")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? TokenEndpointAuthMethodsSupported { get; init; }

    /// <summary>How clients authenticate at the revocation endpoint.</summary>
    [JsonPropertyName("revocation_endpoint_auth_methods_supported")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? RevocationEndpointAuthMethodsSupported { get; init; }

    /// <summary>How clients authenticate at the introspection endpoint.</summary>
    [JsonPropertyName("introspection_endpoint_auth_methods_supported")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? IntrospectionEndpointAuthMethodsSupported { get; init; }
}
