namespace RbacKit.AspNetCore;

/// <summary>A service that accepts an RbacKit issuer's access tokens without a database of its own.</summary>
public sealed class RbacKitResourceServerOptions
{
    /// <summary>The name of the <c>HttpClient</c> that reads discovery and JWKS; configure it with <c>services.AddHttpClient(HttpClientName)</c>.</summary>
    public const string HttpClientName = "RbacKit.ResourceServer";

    /// <summary>The issuer's base URL; <c>{Authority}/.well-known/openid-configuration</c> is read. https, or http on loopback only. Required.</summary>
    public string Authority { get; set; } = "";

    /// <summary>The expected <c>iss</c>; the discovery document must state the same. Default: <see cref="Authority"/>.</summary>
    public string? Issuer { get; set; }

    /// <summary>The expected <c>aud</c>: this API. Required.</summary>
    public string Audience { get; set; } = "";

    /// <summary>The permissions this service checks; the token's <c>perms</c> names and wildcards are expanded against them.</summary>
    public PermissionCatalogBuilder Permissions { get; } = new();

    /// <summary>Tolerated clock difference for <c>exp</c> and <c>nbf</c>. Default 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest accepted token in bytes. Default 8192.</summary>
    public int MaxTokenSize { get; set; } = 8192;

    /// <summary>How often discovery and keys are read again (dropping withdrawn keys). Default 1 hour.</summary>
    public TimeSpan MetadataRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Least time between reads forced by a token with an unknown <c>kid</c>. Default 10 seconds.</summary>
    public TimeSpan UnknownKeyRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The issuer's longest access-token lifetime: how long revocations are remembered. Default 1 hour (the most RbacKit allows).</summary>
    public TimeSpan MaxAccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether a changed role rejects every token issued before the change (clients refresh). Default true.</summary>
    public bool RevokeTokensOnRoleChange { get; set; } = true;

    /// <summary>RFC 7662 introspection of tokens this service cannot validate locally (opaque tokens); off until its client id is set.</summary>
    public RbacKitIntrospectionOptions Introspection { get; } = new();

    internal string ExpectedIssuer => string.IsNullOrEmpty(Issuer) ? Authority : Issuer;
}
