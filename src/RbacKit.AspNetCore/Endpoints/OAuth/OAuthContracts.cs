using System.Text.Json.Serialization;

namespace RbacKit.AspNetCore;

/// <summary>An RFC 6749 (section 5.1) token response.</summary>
public sealed record OAuthTokenResponse
{
    /// <summary>The access token (an RFC 9068 JWT).</summary>
    [JsonPropertyName("access_token")] public required string AccessToken { get; init; }

    /// <summary>Always <c>Bearer</c>.</summary>
    [JsonPropertyName("token_type")] public string TokenType { get; init; } = "Bearer";

    /// <summary>Seconds until the access token expires.</summary>
    [JsonPropertyName("expires_in")] public required int ExpiresIn { get; init; }

    /// <summary>The next refresh token (refresh_token grant only).</summary>
    [JsonPropertyName("refresh_token")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RefreshToken { get; init; }

    /// <summary>The granted permissions, space-separated (client_credentials only).</summary>
    [JsonPropertyName("scope")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Scope { get; init; }
}

/// <summary>An RFC 6749 (section 5.2) error response.</summary>
/// <param name="Error">The error code, for example <c>invalid_client</c>.</param>
/// <param name="ErrorDescription">A human-readable explanation.</param>
public sealed record OAuthErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription);

/// <summary>An RFC 7662 introspection response; only <see cref="Active"/> for an inactive token.</summary>
public sealed record IntrospectionResponse
{
    /// <summary>Whether the token is valid now.</summary>
    [JsonPropertyName("active")] public required bool Active { get; init; }

    /// <summary>The subject: a user id, or the client id of a client's token.</summary>
    [JsonPropertyName("sub")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Subject { get; init; }

    /// <summary>The client the token was issued to.</summary>
    [JsonPropertyName("client_id")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ClientId { get; init; }

    /// <summary>Expiry (seconds since the epoch).</summary>
    [JsonPropertyName("exp")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? ExpiresAt { get; init; }

    /// <summary>Issue time (seconds since the epoch).</summary>
    [JsonPropertyName("iat")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? IssuedAt { get; init; }

    /// <summary>The issuer.</summary>
    [JsonPropertyName("iss")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Issuer { get; init; }

    /// <summary>The audience.</summary>
    [JsonPropertyName("aud")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Audience { get; init; }

    /// <summary>The token id.</summary>
    [JsonPropertyName("jti")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TokenId { get; init; }

    /// <summary><c>Bearer</c>.</summary>
    [JsonPropertyName("token_type")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TokenType { get; init; }

    /// <summary>The token's permissions, space-separated.</summary>
    [JsonPropertyName("scope")][JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Scope { get; init; }
}
