using System.Globalization;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using RbacKit.TokenValidation;

namespace RbacKit.Core.Tests;

/// <summary>
/// What an outside review found the validator accepted: member names that only looked like ours, invalid UTF-8, tokens
/// from the future or valid too long, the RFC 9068 media type, and cache hits of a withdrawn key.
/// </summary>
public sealed partial class AccessTokenValidatorTests
{
    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_claim_name_with_a_trailing_nul_is_not_the_claim()
    {
        // Without its real exp, a token whose only expiry is "exp\u0000" has no expiry at all.
        var claims = Claims().Replace("\"exp\":", "\"exp\\u0000\":", StringComparison.Ordinal);
        Assert.Equal(TokenFailure.Expired, (await ValidateAsync(Sign(Header(), claims))).Failure);

        var sub = Claims().Replace("\"sub\":", "\"sub\\u0000\":", StringComparison.Ordinal);
        Assert.Equal(TokenFailure.MissingClaim, (await ValidateAsync(Sign(Header(), sub))).Failure);
    }

    [Fact]
    public async Task A_header_name_with_a_trailing_nul_is_not_the_header_member()
    {
        var header = $$"""{"alg\u0000":"RS256","typ":"at+jwt","kid":"{{_kid}}"}""";
        Assert.Equal(TokenFailure.UnsupportedAlgorithm, (await ValidateAsync(Sign(header, Claims()))).Failure);
        var typ = $$"""{"alg":"RS256","typ\u0000":"at+jwt","kid":"{{_kid}}"}""";
        Assert.Equal(TokenFailure.InvalidType, (await ValidateAsync(Sign(typ, Claims()))).Failure);
    }

    [Fact]
    public async Task Invalid_utf8_anywhere_in_the_payload_or_header_is_refused()
    {
        // In a claim RbacKit does not read: the JSON reader skips it, so only an explicit check refuses it.
        var claims = Encoding.UTF8.GetBytes(Claims(extra: ""","note":"a?b" """));
        claims[Array.IndexOf(claims, (byte)'?')] = 0xC3; // a lead byte without its continuation
        Assert.Equal(TokenFailure.InvalidEncoding, (await ValidateAsync(SignInput($"{B64(Header())}.{Base64UrlEncoder.Encode(claims)}"))).Failure);

        var header = Encoding.UTF8.GetBytes(Header(""","x":"?" """));
        header[Array.IndexOf(header, (byte)'?')] = 0xFF;
        Assert.Equal(TokenFailure.InvalidEncoding, (await ValidateAsync(SignInput($"{Base64UrlEncoder.Encode(header)}.{B64(Claims())}"))).Failure);
    }

    [Fact]
    public async Task A_token_issued_in_the_future_is_refused()
    {
        var future = Claims().Replace($"\"iat\":{N(Now)}", $"\"iat\":{N(Now + 120)}", StringComparison.Ordinal);
        Assert.Equal(TokenFailure.InvalidLifetime, (await ValidateAsync(Sign(Header(), future))).Failure);

        // Within the clock skew (30 s) it is accepted.
        var skewed = Claims().Replace($"\"iat\":{N(Now)}", $"\"iat\":{N(Now + 20)}", StringComparison.Ordinal);
        Assert.True((await ValidateAsync(Sign(Header(), skewed))).IsValid);
    }

    [Fact]
    public async Task A_token_valid_longer_than_the_access_token_lifetime_is_refused()
    {
        var lifetime = (long)TimeSpan.FromMinutes(10).TotalSeconds; // the default the test host uses
        Assert.True((await ValidateAsync(Sign(Header(), Claims(exp: N(Now + lifetime))))).IsValid);
        Assert.Equal(TokenFailure.InvalidLifetime, (await ValidateAsync(Sign(Header(), Claims(exp: N(Now + lifetime + 31))))).Failure);
        Assert.Equal(TokenFailure.InvalidLifetime, (await ValidateAsync(Sign(Header(), Claims(exp: N(Now + (long)TimeSpan.FromDays(365).TotalSeconds))))).Failure);

        var noIat = Claims().Replace($"\"iat\":{N(Now)},", "", StringComparison.Ordinal);
        Assert.Equal(TokenFailure.MissingClaim, (await ValidateAsync(Sign(Header(), noIat))).Failure);
    }

    [Theory]
    [InlineData("at+jwt")]
    [InlineData("AT+JWT")]
    [InlineData("application/at+jwt")]
    [InlineData("Application/AT+JWT")]
    [InlineData("application\\/at+jwt")]
    public async Task Both_spellings_of_the_RFC_9068_type_are_accepted(string typ) =>
        Assert.True((await ValidateAsync(Sign($$"""{"alg":"RS256","typ":"{{typ}}","kid":"{{_kid}}"}""", Claims()))).IsValid);

    [Theory]
    [InlineData("jwt")]
    [InlineData("application/jwt")]
    [InlineData("application/at+jwt; x=1")]
    [InlineData("text/at+jwt")]
    public async Task Other_types_are_refused(string typ) =>
        Assert.Equal(TokenFailure.InvalidType, (await ValidateAsync(Sign($$"""{"alg":"RS256","typ":"{{typ}}","kid":"{{_kid}}"}""", Claims()))).Failure);

    [Fact]
    public async Task A_cached_token_fails_once_its_key_is_withdrawn()
    {
        var keys = new MutableKeySource { Kid = _kid, Key = new RsaSecurityKey(_rsa.ExportParameters(false)) };
        await using var services = RemoteValidator(keys, out var validator);
        var token = Sign(Header(), Claims());

        Assert.True((await validator.ValidateAsync(token, default)).IsValid);
        Assert.True((await validator.ValidateAsync(token, default)).IsValid); // now a cache hit

        keys.Key = null; // withdrawn from the ring
        Assert.Equal(TokenFailure.UnknownKey, (await validator.ValidateAsync(token, default)).Failure);

        keys.Key = new RsaSecurityKey(_rsa.ExportParameters(false)); // published again: validated afresh
        Assert.True((await validator.ValidateAsync(token, default)).IsValid);
    }
}
