using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using RbacKit.Keys;

namespace RbacKit.TokenValidation;

/// <summary>
/// A purpose-built validator for RbacKit access tokens (compact JWS). In order: the size limit; the shape (exactly three
/// base64url segments); the header (<c>alg</c> on the allow-list, no <c>crit</c>, <c>typ</c> <c>at+jwt</c>, a <c>kid</c>);
/// the key by <c>kid</c> from the <see cref="IValidationKeySource"/> only (never <c>jwk</c>, <c>jku</c>, <c>x5u</c> or
/// <c>x5c</c>), whose algorithm must equal the header's; the signature with the key's raw material (exact length, constant
/// time for HMAC); then the payload: lifetime with clock skew, audience, issuer, required claims. Decoding happens in
/// stack or pooled buffers. Valid results are remembered in a bounded cache keyed by the exact token text; a hit still
/// checks the lifetime and allocates nothing.
/// </summary>
internal sealed class AccessTokenValidator : IAccessTokenValidator
{
    private const int StackBufferLimit = 4096;
    private const int MaxSignatureChars = 1366; // RSA 8192 (the largest RsaKeySize): 1024 bytes
    private readonly IValidationKeySource _keys;
    private readonly TimeProvider _time;
    private readonly TokenOptions _options;
    private readonly byte[] _issuer;
    private readonly byte[] _audience;
    private readonly ValidatedTokenCache _cache;
    private readonly KeyVerifiers _verifiers;
    private readonly ClaimListCache _claimLists;
    private readonly KnownHeaders _knownHeaders;

    public AccessTokenValidator(IValidationKeySource keys, IOptions<AccessTokenValidationOptions> options, TimeProvider time)
        : this(keys, options, time, TokenReadingCaches.Default)
    {
    }

    internal AccessTokenValidator(IValidationKeySource keys, IOptions<AccessTokenValidationOptions> options, TimeProvider time, TokenReadingCaches caches)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(caches);
        _claimLists = new ClaimListCache(caches.ClaimLists);
        _knownHeaders = new KnownHeaders(caches.Headers);
        _keys = keys;
        _time = time;
        var validation = options.Value;
        _options = validation.Tokens;
        _issuer = Encoding.UTF8.GetBytes(validation.Issuer);
        _audience = Encoding.UTF8.GetBytes(validation.Audience);
        _cache = new ValidatedTokenCache(_options.ValidatedTokenCacheSize);
        _verifiers = new KeyVerifiers(keys, caches.PooledHmac);
    }

    public ValueTask<AccessTokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken) =>
        ValidateAsync(token.AsMemory(), cancellationToken);

    public ValueTask<AccessTokenValidationResult> ValidateAsync(ReadOnlyMemory<char> token, CancellationToken cancellationToken)
    {
        if (token.IsEmpty)
        {
            return new(AccessTokenValidationResult.Invalid(TokenFailure.Malformed));
        }

        if (token.Length > _options.MaxTokenSize)
        {
            return new(AccessTokenValidationResult.Invalid(TokenFailure.TooLarge));
        }

        // A token seen before is answered from its characters (a slice of a header is never copied for a hit).
        if (_cache.TryGet(token.Span, out var key, out var cached) && CheckCached(key, cached) is { } answer)
        {
            return new(answer);
        }

        // A first sight: the text becomes the cache key (a whole string is its own slice's text, not a copy).
        var text = token.ToString();
        var result = Validate(text);
        if (result.Failure == TokenFailure.UnknownKey)
        {
            return RetryAfterKeyRefreshAsync(text, result, cancellationToken);
        }

        if (result.IsValid)
        {
            _cache.Add(text, result.Token);
        }

        return new(result);
    }

    /// <summary>A cache hit's checks: still within its lifetime, its key still in the ring; <see langword="null"/> when the
    /// entry was dropped for its key and the token must be validated afresh.</summary>
    private AccessTokenValidationResult? CheckCached(string token, ValidatedAccessToken cached)
    {
        if (_time.GetUtcNow() >= cached.ExpiresAt + _options.ClockSkew)
        {
            _cache.Remove(token);
            return AccessTokenValidationResult.Invalid(TokenFailure.Expired);
        }

        // Its key must still be in the ring: a withdrawn key's tokens fail at once, not at their expiry.
        if (_keys.TryGetKey(cached.KeyId, out _, out _))
        {
            return AccessTokenValidationResult.Valid(cached);
        }

        _cache.Remove(token);
        _verifiers.Sweep();
        return null;
    }

    private async ValueTask<AccessTokenValidationResult> RetryAfterKeyRefreshAsync(string token, AccessTokenValidationResult first, CancellationToken cancellationToken)
    {
        if (!await _keys.RefreshForUnknownKeyAsync(cancellationToken).ConfigureAwait(false))
        {
            return first;
        }

        var result = Validate(token);
        if (result.IsValid)
        {
            _cache.Add(token, result.Token);
        }

        return result;
    }

    /// <summary>Validates without the cache. Never throws for a bad token.</summary>
    internal AccessTokenValidationResult Validate(string token)
    {
        var shape = TokenShape.Split(token, out var firstDot, out var secondDot);
        if (shape != TokenFailure.None)
        {
            return AccessTokenValidationResult.Invalid(shape);
        }

        // One buffer: the ASCII signing input (header.payload), then the decoded header, then the decoded payload.
        var headerSize = Base64Url.GetMaxDecodedLength(firstDot);
        var payloadSize = Base64Url.GetMaxDecodedLength(secondDot - firstDot - 1);
        var size = secondDot + headerSize + payloadSize;
        byte[]? rented = null;
        var buffer = size <= StackBufferLimit ? stackalloc byte[size] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            return Validate(token, firstDot, secondDot, buffer[..secondDot], buffer.Slice(secondDot, headerSize), buffer.Slice(secondDot + headerSize, payloadSize));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private AccessTokenValidationResult Validate(string token, int firstDot, int secondDot, Span<byte> signingInput, Span<byte> headerBuffer, Span<byte> payloadBuffer)
    {
        // The shape check allowed only base64url characters and dots, so this narrowing is exact.
        Ascii.FromUtf16(token.AsSpan(0, secondDot), signingInput, out _);
        var encodedHeader = signingInput[..firstDot];
        string? keyId;
        SignatureVerifier? verifier;
        TokenFailure failure;
        var algorithm = JwsAlgorithm.Unsupported;
        if (_knownHeaders.TryGet(encodedHeader, out var known))
        {
            // The same header bytes as a token that verified before: the same alg and kid, and its checks passed.
            failure = _verifiers.Find(keyId = known.KeyId, known.Algorithm, out verifier);
        }
        else
        {
            if (Base64Url.DecodeFromUtf8(encodedHeader, headerBuffer, out _, out var headerLength) != OperationStatus.Done)
            {
                return AccessTokenValidationResult.Invalid(TokenFailure.Malformed);
            }

            if (!Utf8.IsValid(headerBuffer[..headerLength]))
            {
                return AccessTokenValidationResult.Invalid(TokenFailure.InvalidEncoding);
            }

            failure = JwsHeader.Read(headerBuffer[..headerLength], out var header);
            if (failure == TokenFailure.None)
            {
                failure = header.Check();
            }

            if (failure != TokenFailure.None)
            {
                return AccessTokenValidationResult.Invalid(failure);
            }

            failure = _verifiers.Find(ref header, out keyId, out verifier);
            algorithm = header.Algorithm;
        }

        if (failure != TokenFailure.None)
        {
            return AccessTokenValidationResult.Invalid(failure);
        }

        failure = VerifySignature(verifier!, token.AsSpan(secondDot + 1), signingInput);
        if (failure != TokenFailure.None)
        {
            return AccessTokenValidationResult.Invalid(failure);
        }

        if (algorithm != JwsAlgorithm.Unsupported)
        {
            // Remembered only once the signature verified: a forged header never takes a place.
            _knownHeaders.Add(encodedHeader, algorithm, keyId!);
        }

        if (Base64Url.DecodeFromUtf8(signingInput[(firstDot + 1)..], payloadBuffer, out _, out var payloadLength) != OperationStatus.Done)
        {
            return AccessTokenValidationResult.Invalid(TokenFailure.Malformed);
        }

        // Read checks the UTF-8 itself (InvalidEncoding): its compact path relies on it.
        failure = AccessTokenPayload.Read(payloadBuffer[..payloadLength], _issuer, _audience, _claimLists, out var payload);
        return failure != TokenFailure.None ? AccessTokenValidationResult.Invalid(failure) : Accept(in payload, keyId!);
    }

    private static TokenFailure VerifySignature(SignatureVerifier verifier, ReadOnlySpan<char> encoded, ReadOnlySpan<byte> signingInput)
    {
        if (encoded.Length > MaxSignatureChars)
        {
            return TokenFailure.InvalidSignature;
        }

        // Sized by the signature at hand (32 bytes for HS256), not the largest one: stack memory is zeroed on every call.
        Span<byte> signature = stackalloc byte[Base64Url.GetMaxDecodedLength(encoded.Length)];
        if (Base64Url.DecodeFromChars(encoded, signature, out _, out var length) != OperationStatus.Done
            || length != verifier.SignatureLength)
        {
            return TokenFailure.InvalidSignature;
        }

        try
        {
            return verifier.Verify(signingInput, signature[..length]) ? TokenFailure.None : TokenFailure.InvalidSignature;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return TokenFailure.InvalidSignature;
        }
    }

    private AccessTokenValidationResult Accept(in AccessTokenPayload payload, string keyId)
    {
        // The order in which RbacKit has always reported failures: lifetime, audience, issuer, required claims.
        if (payload.ExpiresAt is not { } exp)
        {
            return AccessTokenValidationResult.Invalid(TokenFailure.Expired);
        }

        var now = _time.GetUtcNow();
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
        var notBefore = DateTimeOffset.FromUnixTimeSeconds(payload.NotBefore ?? 0);
        if (payload.NotBefore is not null && notBefore > now + _options.ClockSkew)
        {
            return AccessTokenValidationResult.Invalid(TokenFailure.NotYetValid);
        }

        if (expiresAt <= now - _options.ClockSkew)
        {
            return AccessTokenValidationResult.Invalid(TokenFailure.Expired);
        }

        // RFC 8725 / 9068: no token from the future, none valid longer than this issuer ever issues.
        if (payload.IssuedAt is not { } iat)
        {
            return AccessTokenValidationResult.Invalid(TokenFailure.MissingClaim);
        }

        // Nor one whose window is inverted (valid only through the clock skew): nbf or iat after exp.
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(iat);
        if (issuedAt > now + _options.ClockSkew || expiresAt - issuedAt > _options.AccessTokenLifetime + _options.ClockSkew
            || issuedAt > expiresAt || (payload.NotBefore is not null && notBefore > expiresAt))
        {
            return AccessTokenValidationResult.Invalid(TokenFailure.InvalidLifetime);
        }

        if (!payload.AudienceMatches)
        {
            return AccessTokenValidationResult.Invalid(TokenFailure.InvalidAudience);
        }

        if (!payload.IssuerMatches)
        {
            return AccessTokenValidationResult.Invalid(TokenFailure.InvalidIssuer);
        }

        if (payload.SessionId is null && payload.ClientId is { Length: > 0 } clientId
            && string.Equals(payload.Subject ?? payload.UserId?.ToString(), clientId, StringComparison.Ordinal))
        {
            return AcceptClient(in payload, keyId, clientId, issuedAt, notBefore, expiresAt);
        }

        if (payload.UserId is not { } userId || payload.SessionId is not { } sessionId
            || string.IsNullOrEmpty(payload.TokenId) || payload.Version is not { } version)
        {
            return AccessTokenValidationResult.Invalid(TokenFailure.MissingClaim);
        }

        return AccessTokenValidationResult.Valid(new ValidatedAccessToken
        {
            UserId = userId,
            SessionId = sessionId,
            TokenId = payload.TokenId,
            KeyId = keyId,
            IssuedAt = issuedAt,
            NotBefore = notBefore,
            ExpiresAt = expiresAt,
            AuthorizationVersion = version,
            Roles = payload.Roles,
            Permissions = payload.Permissions,
            ClientId = payload.ClientId,
        });
    }

    /// <summary>An OAuth client's own token: <c>sub</c> = <c>client_id</c>, no <c>sid</c>, no roles.</summary>
    private static AccessTokenValidationResult AcceptClient(in AccessTokenPayload payload, string keyId, string clientId, DateTimeOffset issuedAt, DateTimeOffset notBefore, DateTimeOffset expiresAt)
    {
        if (string.IsNullOrEmpty(payload.TokenId) || payload.Version is not { } version || payload.Roles.Count > 0)
        {
            return AccessTokenValidationResult.Invalid(TokenFailure.MissingClaim);
        }

        return AccessTokenValidationResult.Valid(new ValidatedAccessToken
        {
            UserId = Clients.ClientSecrets.ToChangeId(clientId),
            SessionId = Guid.Empty,
            ClientId = clientId,
            IsClient = true,
            TokenId = payload.TokenId,
            KeyId = keyId,
            IssuedAt = issuedAt,
            NotBefore = notBefore,
            ExpiresAt = expiresAt,
            AuthorizationVersion = version,
            Roles = [],
            Permissions = payload.Permissions,
        });
    }
}
