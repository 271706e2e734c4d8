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
    internal sealed class TokenForm : ClientFields
    {
        [JsonPropertyName("grant_type")] public required string GrantType { get; init; }

        [JsonPropertyName("scope")] public string? Scope { get; init; }

        [JsonPropertyName("refresh_token")] public string? RefreshToken { get; init; }
    }

    /// <summary>RFC 7009 revocation request fields.</summary>
    internal sealed class RevokeForm : ClientFields
    {
        [JsonPropertyName("token")] public required string Token { get; init; }

        [JsonPropertyName("token_type_hint")] public string? TokenTypeHint { get; init; }
    }

    /// <summary>RFC 7662 introspection request fields.</summary>
    internal sealed class IntrospectForm : ClientFields
    {
        [JsonPropertyName("token")] public required string Token { get; init; }

        [JsonPropertyName("token_type_hint")] public string? TokenTypeHint { get; init; }
    }

    /// <summary><c>client_secret_post</c> (or send them as HTTP Basic instead).</summary>
    internal abstract class ClientFields
    {
        [JsonPropertyName("client_id")] public string? ClientId { get; init; }

        [JsonPropertyName("client_secret")] public string? ClientSecret { get; init; }
    }
}
