namespace RbacKit.AspNetCore;

/// <summary>
/// RFC 7662 token introspection for a resource server: a bearer token it cannot validate locally as a JWT (an opaque
/// token) is sent to the issuer's introspection endpoint with this service's client credentials
/// (<c>client_secret_basic</c>); an active answer is authorized by its <c>scope</c> like a JWT's <c>perms</c>, an
/// inactive one is a 401. Off until <see cref="ClientId"/> is set. The client needs the <c>tokens:introspect</c> permission.
/// </summary>
public sealed class RbacKitIntrospectionOptions
{
    /// <summary>This service's OAuth client id. Setting it turns introspection on.</summary>
    public string? ClientId { get; set; }

    /// <summary>This service's client secret. Required with <see cref="ClientId"/>; never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// The introspection endpoint. Default: the <c>introspection_endpoint</c> of the issuer's RFC 8414 metadata
    /// (<c>{Authority}/.well-known/oauth-authorization-server</c>). https, or http on loopback only.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>
    /// How long an active answer is reused for the same token (never beyond its <c>exp</c>); inactive answers are not
    /// kept. <see cref="TimeSpan.Zero"/> asks the issuer every time. Default 30 seconds; at most 5 minutes.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most active answers kept at once; when full, expired answers are dropped, and when none has expired the cache starts over. 0 keeps none. Default 10,000.</summary>
    public int MaxCacheEntries { get; set; } = 10_000;

    /// <summary>
    /// Whether JWTs are introspected too, instead of validated locally (a service that must see revocations at once
    /// without a change feed, at the price of a round trip per <see cref="CacheDuration"/>). Default false: only
    /// tokens that are not JWTs are introspected.
    /// </summary>
    public bool IntrospectJwts { get; set; }

    internal bool Enabled => !string.IsNullOrEmpty(ClientId);
}
