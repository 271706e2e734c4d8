using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RbacKit.Tokens;

/// <summary>
/// Validates access tokens with <see cref="JsonWebTokenHandler"/>: keys only from the <see cref="IValidationKeySource"/>
/// by <c>kid</c> (never from <c>jwk</c>, <c>jku</c>, <c>x5u</c> or <c>x5c</c> headers), the header <c>alg</c> must be on
/// the allow-list and equal the key's algorithm, <c>typ</c> must be <c>at+jwt</c>, no <c>crit</c>. Successful results are
/// remembered in a bounded cache keyed by the exact token text; a hit still checks the lifetime.
/// </summary>
internal sealed class AccessTokenValidator : IAccessTokenValidator
{
    private static readonly string[] AllowedAlgorithms = [SigningAlgorithms.RS256, SigningAlgorithms.ES256, SigningAlgorithms.HS256];
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly IValidationKeySource _keys;
    private readonly TimeProvider _time;
    private readonly TokenOptions _options;
    private readonly TokenValidationParameters _parameters;
    private readonly ValidatedTokenCache _cache;

    public AccessTokenValidator(IValidationKeySource keys, IOptions<AccessTokenValidationOptions> options, TimeProvider time)
    {
        _keys = keys;
        _time = time;
        var validation = options.Value;
        _options = validation.Tokens;
        _cache = new ValidatedTokenCache(_options.ValidatedTokenCacheSize);
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = validation.Issuer,
            ValidAudience = validation.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = AllowedAlgorithms,
            ValidTypes = [AccessTokenClaims.TokenType],
            ClockSkew = _options.ClockSkew,
            TryAllIssuerSigningKeys = false,
            LifetimeValidator = ValidateLifetime,
            IssuerSigningKeyResolver = ResolveKey,
            SaveSigninToken = false,
        };
        _handler.MaximumTokenSizeInBytes = _options.MaxTokenSize;
    }

    public async ValueTask<AccessTokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token))
        {
            return AccessTokenValidationResult.Invalid(TokenFailure.Malformed);
        }

        if (token.Length > _options.MaxTokenSize)
        {
            return AccessTokenValidationResult.Invalid(TokenFailure.TooLarge);
        }

        if (_cache.TryGet(token, out var cached))
        {
            var now = _time.GetUtcNow();
            if (now >= cached.ExpiresAt + _options.ClockSkew)
            {
                _cache.Remove(token);
                return AccessTokenValidationResult.Invalid(TokenFailure.Expired);
            }

            return AccessTokenValidationResult.Valid(cached);
        }

        var result = await ValidateUncachedAsync(token).ConfigureAwait(false);
        if (result.Failure == TokenFailure.UnknownKey && await _keys.RefreshForUnknownKeyAsync(cancellationToken).ConfigureAwait(false))
        {
            result = await ValidateUncachedAsync(token).ConfigureAwait(false);
        }

        if (result.IsValid)
        {
            _cache.Add(token, result.Token);
        }

        return result;
    }

    private async Task<AccessTokenValidationResult> ValidateUncachedAsync(string token)
    {
        var shape = TokenShape.Check(token);
        if (shape != TokenFailure.None)
        {
            return AccessTokenValidationResult.Invalid(shape);
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return AccessTokenValidationResult.Invalid(TokenFailure.Malformed);
        }

        var header = CheckHeader(jwt);
        if (header != TokenFailure.None)
        {
            return AccessTokenValidationResult.Invalid(header);
        }

        var outcome = await _handler.ValidateTokenAsync(jwt, _parameters).ConfigureAwait(false);
        if (!outcome.IsValid)
        {
            return AccessTokenValidationResult.Invalid(MapException(outcome.Exception));
        }

        return ReadClaims(jwt);
    }

    private TokenFailure CheckHeader(JsonWebToken jwt)
    {
        if (!SigningAlgorithms.IsSupported(jwt.Alg))
        {
            return TokenFailure.UnsupportedAlgorithm;
        }

        if (jwt.TryGetHeaderValue<object>("crit", out _))
        {
            return TokenFailure.UnsupportedCritical;
        }

        if (!string.Equals(jwt.Typ, AccessTokenClaims.TokenType, StringComparison.OrdinalIgnoreCase))
        {
            return TokenFailure.InvalidType;
        }

        if (string.IsNullOrEmpty(jwt.Kid) || !_keys.TryGetKey(jwt.Kid, out _, out var algorithm))
        {
            return TokenFailure.UnknownKey;
        }

        // The header's alg must be the key's own algorithm: no HS256 with an RSA key, no downgrade.
        return string.Equals(algorithm, jwt.Alg, StringComparison.Ordinal) ? TokenFailure.None : TokenFailure.UnsupportedAlgorithm;
    }

    private IEnumerable<SecurityKey> ResolveKey(string token, SecurityToken securityToken, string kid, TokenValidationParameters parameters) =>
        kid is not null && _keys.TryGetKey(kid, out var key, out var algorithm)
            && securityToken is JsonWebToken jwt && string.Equals(jwt.Alg, algorithm, StringComparison.Ordinal)
            ? [key]
            : [];

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no exp.");
        }

        if (notBefore is { } nbf && nbf > now + parameters.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = nbf };
        }

        if (expires.Value <= now - parameters.ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        }

        return true;
    }

    private static AccessTokenValidationResult ReadClaims(JsonWebToken jwt)
    {
        if (!Guid.TryParse(jwt.Subject, out var userId)
            || !jwt.TryGetPayloadValue<string>(AccessTokenClaims.SessionId, out var sid) || !Guid.TryParse(sid, out var sessionId)
            || string.IsNullOrEmpty(jwt.Id)
            || !jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp)
            || !jwt.TryGetPayloadValue<long>(AccessTokenClaims.Version, out var version))
        {
            return AccessTokenValidationResult.Invalid(TokenFailure.MissingClaim);
        }

        _ = jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out var iat);
        _ = jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out var nbf);
        return AccessTokenValidationResult.Valid(new ValidatedAccessToken
        {
            UserId = userId,
            SessionId = sessionId,
            TokenId = jwt.Id,
            KeyId = jwt.Kid,
            IssuedAt = DateTimeOffset.FromUnixTimeSeconds(iat),
            NotBefore = DateTimeOffset.FromUnixTimeSeconds(nbf),
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(exp),
            AuthorizationVersion = version,
            Roles = ReadStrings(jwt, AccessTokenClaims.Roles),
            Permissions = ReadStrings(jwt, AccessTokenClaims.Permissions),
        });
    }

    private static string[] ReadStrings(JsonWebToken jwt, string claim)
    {
        if (jwt.TryGetPayloadValue<string[]>(claim, out var values) && values is not null)
        {
            return values;
        }

        return jwt.TryGetPayloadValue<string>(claim, out var single) && single is not null ? [single] : [];
    }

    private static TokenFailure MapException(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException or SecurityTokenNoExpirationException => TokenFailure.Expired,
        SecurityTokenNotYetValidException => TokenFailure.NotYetValid,
        SecurityTokenInvalidIssuerException => TokenFailure.InvalidIssuer,
        SecurityTokenInvalidAudienceException => TokenFailure.InvalidAudience,
        SecurityTokenInvalidTypeException => TokenFailure.InvalidType,
        SecurityTokenInvalidAlgorithmException => TokenFailure.UnsupportedAlgorithm,
        SecurityTokenSignatureKeyNotFoundException => TokenFailure.UnknownKey,
        SecurityTokenInvalidSignatureException => TokenFailure.InvalidSignature,
        SecurityTokenMalformedException or ArgumentException => TokenFailure.Malformed,
        _ => TokenFailure.InvalidSignature,
    };
}
