using System.Text.Json.Serialization;

namespace RbacKit.AspNetCore;

/// <summary>
/// RFC 8414 authorization server metadata: the discovery document plus the scopes (permission names) and the response
/// types, of which there are none (no authorization endpoint).
/// </summary>
public sealed record AuthorizationServerMetadataDocument
{
    /// <summary>The issuer.</summary>
    [JsonPropertyName("issuer")] public required string Issuer { get; init; }

    /// <summary>Where the public keys are.</summary>
    [JsonPropertyName("jwks_uri")] public required string JwksUri { get; init; }

    /// <summary>The RFC 6749 token endpoint.</summary>
    [JsonPropertyName("token_endpoint")] public required string TokenEndpoint { get; init; }

    /// <summary>The RFC 7009 revocation endpoint.</summary>
    [JsonPropertyName("revocation_endpoint")] public required string RevocationEndpoint { get; init; }

    /// <summary>The RFC 7662 introspection endpoint.</summary>
    [JsonPropertyName("introspection_endpoint")] public required string IntrospectionEndpoint { get; init; }

    /// <summary>The grant types of the token endpoint.</summary>
    [JsonPropertyName("grant_types_supported")] public required IReadOnlyList<string> GrantTypesSupported { get; init; }

    /// <summary>How clients authenticate at the token endpoint.</summary>
    [JsonPropertyName("token_endpoint_auth_methods_supported")] public required IReadOnlyList<string> TokenEndpointAuthMethodsSupported { get; init; }

    /// <summary>How clients authenticate at the revocation endpoint.</summary>
    [JsonPropertyName("revocation_endpoint_auth_methods_supported")] public required IReadOnlyList<string> RevocationEndpointAuthMethodsSupported { get; init; }

    /// <summary>How clients authenticate at the introspection endpoint.</summary>
    [JsonPropertyName("introspection_endpoint_auth_methods_supported")] public required IReadOnlyList<string> IntrospectionEndpointAuthMethodsSupported { get; init; }

    /// <summary>The scopes a client may ask for: the permission names of the catalog.</summary>
    [JsonPropertyName("scopes_supported")] public required IReadOnlyList<string> ScopesSupported { get; init; }

    /// <summary>None: there is no authorization endpoint (RFC 8414 requires the member).</summary>
    [JsonPropertyName("response_types_supported")] public IReadOnlyList<string> ResponseTypesSupported { get; init; } = [];
}
