namespace CinemaAuthHost.External;

/// <summary><c>RbacKit:External</c>: the external sign-in providers and the return URLs a flow may end at.</summary>
internal sealed class ExternalSettings
{
    public const string Section = "RbacKit:External";

    /// <summary>The providers by name (the name is the route segment and the login history's provider).</summary>
    public Dictionary<string, ExternalProviderSettings> Providers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The absolute URLs a flow may return to, compared exactly (no prefix, no fragment).</summary>
    public List<string> AllowedReturnUrls { get; set; } = [];

    public bool IsAllowedReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && !returnUrl.Contains('#', StringComparison.Ordinal)
        && AllowedReturnUrls.Contains(returnUrl, StringComparer.Ordinal);
}

/// <summary>The built-in OAuth 2.0 providers that are not plain OpenID Connect.</summary>
internal enum ExternalProviderType
{
    Oidc,
    Yandex,
    GitHub,
    Google,
}

/// <summary><c>RbacKit:External:Providers:{name}</c>.</summary>
internal sealed class ExternalProviderSettings
{
    /// <summary>Yandex, GitHub or Google; without it, <see cref="Authority"/> names an OpenID Connect provider.</summary>
    public ExternalProviderType? Type { get; set; }

    /// <summary>The issuer of an OpenID Connect provider; its discovery document gives the endpoints and keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The discovery document's address when it is not <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? MetadataAddress { get; set; }

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>Space-separated; default <c>openid email profile</c> (the built-in types have their own defaults).</summary>
    public string? Scopes { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>Whether the discovery document must come over HTTPS (default true; only a loopback test provider turns it off).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Overrides of a built-in type's endpoints (a local stand-in of the provider in tests).</summary>
    public string? AuthorizationEndpoint { get; set; }

    public string? TokenEndpoint { get; set; }

    public string? UserInformationEndpoint { get; set; }

    /// <summary>GitHub only: the endpoint listing the user's addresses with their verified flags.</summary>
    public string? EmailsEndpoint { get; set; }

    public ExternalProviderType Kind => Type ?? ExternalProviderType.Oidc;
}
