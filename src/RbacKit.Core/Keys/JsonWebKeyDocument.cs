using System.Text.Json.Serialization;

namespace RbacKit.Keys;

/// <summary>A public JWK. Only the members of the key's type are set.</summary>
public sealed record JsonWebKeyDocument
{
    /// <summary>Key type: RSA or EC.</summary>
    [JsonPropertyName("kty")] public required string KeyType { get; init; }
    /// <summary>Always <c>sig</c>.</summary>
    [JsonPropertyName("use")] public string Use { get; init; } = "sig";
    /// <summary>The key id.</summary>
    [JsonPropertyName("kid")] public required string KeyId { get; init; }
    /// <summary>The algorithm.</summary>
    [JsonPropertyName("alg")] public required string Algorithm { get; init; }
    /// <summary>RSA modulus.</summary>
    [JsonPropertyName("n"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Modulus { get; init; }
    /// <summary>RSA exponent.</summary>
    [JsonPropertyName("e"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Exponent { get; init; }
    /// <summary>EC curve.</summary>
    [JsonPropertyName("crv"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Curve { get; init; }
    /// <summary>EC x.</summary>
    [JsonPropertyName("x"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? X { get; init; }
    /// <summary>EC y.</summary>
    [JsonPropertyName("y"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Y { get; init; }
}
