using System.Text.Json.Serialization;

namespace RbacKit.AspNetCore;

/// <summary>Endpoint metadata: the endpoint reads an <c>application/x-www-form-urlencoded</c> body of <paramref name="RequestType"/>'s fields itself (documented by the OpenAPI transformer).</summary>
/// <param name="RequestType">The type whose properties name the form fields.</param>
internal sealed record FormRequestBodyMetadata(Type RequestType)
{
    public static readonly Type Token = typeof(TokenForm);
    public static readonly Type Revoke = typeof(RevokeForm);
    public static readonly Type Introspect = typeof(IntrospectForm);

    /// <summary>RFC 6749 token request fields.</summary>
    internal sealed record TokenForm(
        [property: JsonPropertyName("grant_type")] string GrantType,
        [property: JsonPropertyName("scope")] string? Scope,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("client_id")] string? ClientId,
        [property: JsonPropertyName("client_secret")] string? ClientSecret);

    /// <summary>RFC 7009 revocation request fields.</summary>
    internal sealed record RevokeForm(
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("token_type_hint")] string? TokenTypeHint,
        [property: JsonPropertyName("client_id")] string? ClientId,
        [property: JsonPropertyName("client_secret")] string? ClientSecret);

    /// <summary>RFC 7662 introspection request fields.</summary>
    internal sealed record IntrospectForm(
        [property: JsonPropertyName("token")] string Token,
        [property: JsonPropertyName("token_type_hint")] string? TokenTypeHint,
        [property: JsonPropertyName("client_id")] string? ClientId,
        [property: JsonPropertyName("client_secret")] string? ClientSecret);
}
