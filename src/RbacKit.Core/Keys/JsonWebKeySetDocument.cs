using System.Text.Json.Serialization;

namespace RbacKit.Keys;

/// <summary>A JWKS document (RFC 7517) of public keys.</summary>
/// <param name="Keys">The keys.</param>
public sealed record JsonWebKeySetDocument([property: JsonPropertyName("keys")] IReadOnlyList<JsonWebKeyDocument> Keys);
