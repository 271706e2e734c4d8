using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RbacKit.Caching;
using RbacKit.TokenValidation;

namespace RbacKit.AspNetCore;

/// <summary>
/// A resource server's token validation: JWTs are validated locally by the inner validator; other tokens (opaque ones),
/// or every token with <see cref="RbacKitIntrospectionOptions.IntrospectJwts"/>, are introspected at the issuer (RFC 7662,
/// <c>client_secret_basic</c>). Active answers are kept for <see cref="RbacKitIntrospectionOptions.CacheDuration"/>, never
/// beyond the token's <c>exp</c>, in a bounded table keyed by the token's SHA-256 (tokens themselves are not kept).
/// </summary>
internal sealed class IntrospectingTokenValidator(
    IAccessTokenValidator inner,
    IHttpClientFactory httpClients,
    IOptions<RbacKitResourceServerOptions> options,
    TimeProvider time,
    ILogger<IntrospectingTokenValidator> logger) : IAccessTokenValidator, IDisposable
{
    private readonly RbacKitResourceServerOptions _options = options.Value;
    private readonly BoundedCache<string, CachedAnswer> _cache = new(Math.Max(0, options.Value.Introspection.MaxCacheEntries), StringComparer.Ordinal);
    private readonly SemaphoreSlim _endpointGate = new(1, 1);
    private Uri? _endpoint;

    public ValueTask<AccessTokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (ForInner(token))
        {
            return inner.ValidateAsync(token, cancellationToken);
        }

        if (string.IsNullOrEmpty(token))
        {
            return ValueTask.FromResult(AccessTokenValidationResult.Invalid(TokenFailure.Malformed));
        }

        if (token.Length > _options.MaxTokenSize)
        {
            return ValueTask.FromResult(AccessTokenValidationResult.Invalid(TokenFailure.TooLarge));
        }

        var key = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached))
        {
            if (cached.Until > now)
            {
                return ValueTask.FromResult(AccessTokenValidationResult.Valid(cached.Token));
            }

            _cache.Remove(key);
        }

        return IntrospectAsync(token, key, cancellationToken);
    }

    public void Dispose() => _endpointGate.Dispose();

    /// <summary>Three base64url segments: a JWS compact serialization, validated locally.</summary>
    /// <summary>A JWT that is not introspected goes to the inner validator as a slice; anything else as a string.</summary>
    public ValueTask<AccessTokenValidationResult> ValidateAsync(ReadOnlyMemory<char> token, CancellationToken cancellationToken) =>
        ForInner(token.Span) ? inner.ValidateAsync(token, cancellationToken) : ValidateAsync(token.ToString(), cancellationToken);

    /// <summary>Whether the inner validator answers: introspection is off, or the token is a JWT and JWTs are not introspected.</summary>
    private bool ForInner(ReadOnlySpan<char> token) =>
        !_options.Introspection.Enabled || (!_options.Introspection.IntrospectJwts && IsJwt(token));

    private static bool IsJwt(ReadOnlySpan<char> token)
    {
        var first = token.IndexOf('.');
        if (first <= 0)
        {
            return false;
        }

        var rest = token[(first + 1)..];
        var second = rest.IndexOf('.');
        return second > 0 && rest[(second + 1)..].IndexOf('.') < 0;
    }

    private async ValueTask<AccessTokenValidationResult> IntrospectAsync(string token, string key, CancellationToken cancellationToken)
    {
        var introspection = _options.Introspection;
        IntrospectionAnswer? answer;
        try
        {
            var endpoint = await GetEndpointAsync(cancellationToken).ConfigureAwait(false);
            if (endpoint is null)
            {
                return AccessTokenValidationResult.Invalid(TokenFailure.Revoked);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("token", token)]),
            };
            // RFC 6749, section 2.3.1: the id and secret are form-encoded before the Basic encoding.
            var credentials = Uri.EscapeDataString(introspection.ClientId!) + ":" + Uri.EscapeDataString(introspection.ClientSecret ?? "");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await httpClients.CreateClient(RbacKitResourceServerOptions.HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                AspNetCoreLog.IntrospectionRefused(logger, (int)response.StatusCode);
                return AccessTokenValidationResult.Invalid(TokenFailure.Revoked);
            }

            answer = await JsonSerializer.DeserializeAsync<IntrospectionAnswer>(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            AspNetCoreLog.IntrospectionFailed(logger, ex);
            return AccessTokenValidationResult.Invalid(TokenFailure.Revoked);
        }

        var now = time.GetUtcNow();
        var validated = answer is { Active: true } ? ToToken(answer, now) : null;
        if (validated is null)
        {
            return AccessTokenValidationResult.Invalid(TokenFailure.Revoked);
        }

        var until = now + introspection.CacheDuration;
        if (until > validated.ExpiresAt)
        {
            until = validated.ExpiresAt;
        }

        if (until > now)
        {
            // A concurrent answer for the same token may win the slot: either is fine.
            Remember(key, new CachedAnswer(validated, until), now);
        }

        return AccessTokenValidationResult.Valid(validated);
    }

    private void Remember(string key, CachedAnswer answer, DateTimeOffset now)
    {
        // Full: drop the answers past their time first; the cache empties itself only when that frees nothing.
        if (_cache.Count >= _cache.Capacity)
        {
            _cache.RemoveWhere((_, cached) => cached.Until <= now);
        }

        _cache.Set(key, answer);
    }

    /// <summary>The claims of an active answer, or <see langword="null"/> when it is not for this API or unreadable.</summary>
    private ValidatedAccessToken? ToToken(IntrospectionAnswer answer, DateTimeOffset now)
    {
        if (answer.ExpiresAt is not { } exp || answer.Subject is not { Length: > 0 } subject
            || (answer.Issuer is not null && !string.Equals(answer.Issuer, _options.ExpectedIssuer, StringComparison.Ordinal))
            || !HasAudience(answer.Audience))
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
        if (expiresAt <= now)
        {
            return null;
        }

        var isClient = answer.ClientId is { } clientId && string.Equals(subject, clientId, StringComparison.Ordinal);
        Guid userId;
        if (isClient)
        {
            userId = ClientChangeId(subject);
        }
        else if (!Guid.TryParse(subject, out userId))
        {
            return null;
        }

        var issuedAt = answer.IssuedAt is { } iat ? DateTimeOffset.FromUnixTimeSeconds(iat) : now;
        return new ValidatedAccessToken
        {
            UserId = userId,
            SessionId = Guid.Empty,
            ClientId = answer.ClientId,
            IsClient = isClient,
            TokenId = answer.TokenId ?? "",
            KeyId = "",
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            ExpiresAt = expiresAt,
            AuthorizationVersion = 0,
            Roles = [],
            Permissions = answer.Scope is { } scope ? scope.Split(' ', StringSplitOptions.RemoveEmptyEntries) : [],
        };
    }

    private bool HasAudience(JsonElement? audience) => audience switch
    {
        null => true,
        { ValueKind: JsonValueKind.String } one => one.GetString() == _options.Audience,
        { ValueKind: JsonValueKind.Array } many => many.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == _options.Audience),
        _ => false,
    };

    /// <summary>The change-feed id the issuer publishes for a client (a digest of <c>"client:" + client_id</c>), so revocations reach cached answers.</summary>
    private static Guid ClientChangeId(string clientId)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes("client:" + clientId), digest);
        return new Guid(digest[..16]);
    }

    private async ValueTask<Uri?> GetEndpointAsync(CancellationToken cancellationToken)
    {
        if (_endpoint is { } known)
        {
            return known;
        }

        if (_options.Introspection.Endpoint is { Length: > 0 } configured)
        {
            return _endpoint = new Uri(configured);
        }

        await _endpointGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_endpoint is { } raced)
            {
                return raced;
            }

            var metadataUrl = new Uri(_options.Authority.TrimEnd('/') + "/.well-known/oauth-authorization-server");
            var client = httpClients.CreateClient(RbacKitResourceServerOptions.HttpClientName);
            var metadata = JsonSerializer.Deserialize<AuthorizationServerMetadata>(await client.GetStringAsync(metadataUrl, cancellationToken).ConfigureAwait(false));
            if (metadata is null || !string.Equals(metadata.Issuer, _options.ExpectedIssuer, StringComparison.Ordinal)
                || !Uri.TryCreate(metadata.IntrospectionEndpoint, UriKind.Absolute, out var endpoint) || !SecureUrl.IsAllowed(endpoint))
            {
                AspNetCoreLog.IntrospectionEndpointMissing(logger, _options.Authority);
                return null;
            }

            return _endpoint = endpoint;
        }
        finally
        {
            _endpointGate.Release();
        }
    }

    private sealed record CachedAnswer(ValidatedAccessToken Token, DateTimeOffset Until);

    private sealed record AuthorizationServerMetadata(
        [property: JsonPropertyName("issuer")] string? Issuer,
        [property: JsonPropertyName("introspection_endpoint")] string? IntrospectionEndpoint);

    private sealed record IntrospectionAnswer(
        [property: JsonPropertyName("active")] bool Active,
        [property: JsonPropertyName("sub")] string? Subject,
        [property: JsonPropertyName("client_id")] string? ClientId,
        [property: JsonPropertyName("exp")] long? ExpiresAt,
        [property: JsonPropertyName("iat")] long? IssuedAt,
        [property: JsonPropertyName("iss")] string? Issuer,
        [property: JsonPropertyName("aud")] JsonElement? Audience,
        [property: JsonPropertyName("jti")] string? TokenId,
        [property: JsonPropertyName("scope")] string? Scope);
}
