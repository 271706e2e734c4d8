using System.Text.Json.Serialization;

namespace RbacKit.AspNetCore;

/// <summary>The members of a discovery document a resource server needs.</summary>
internal sealed record DiscoveryDocument(
    [property: JsonPropertyName("issuer")] string? Issuer,
    [property: JsonPropertyName("jwks_uri")] string? JwksUri);
