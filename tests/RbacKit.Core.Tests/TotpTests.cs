using System.Text;
using RbacKit.Mfa;

namespace RbacKit.Core.Tests;

public class TotpTests
{
    // RFC 6238 Appendix B, SHA-1 seed. The RFC lists 8-digit values; a 6-digit TOTP is the same HOTP value mod 10^6.
    private static readonly byte[] Seed = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Rfc6238_appendix_b_vectors(long unixSeconds, string eightDigits)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        var expected = eightDigits[2..];
        Assert.Equal(expected, Totp.Compute(Seed, at));
        Assert.Equal(unixSeconds / 30, Totp.Match(Seed, expected, at));
    }

    [Fact]
    public void One_step_of_drift_is_accepted_two_are_not()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1_700_000_010);
        var code = Totp.Compute(Seed, at);
        Assert.NotNull(Totp.Match(Seed, code, at.AddSeconds(30)));
        Assert.NotNull(Totp.Match(Seed, code, at.AddSeconds(-30)));
        Assert.Null(Totp.Match(Seed, code, at.AddSeconds(60)));
        Assert.Null(Totp.Match(Seed, code, at.AddSeconds(-60)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("١٢٣٤٥٦")]
    public void Malformed_codes_never_match(string code) => Assert.Null(Totp.Match(Seed, code, DateTimeOffset.FromUnixTimeSeconds(59)));

    [Fact]
    public void Otpauth_uri_names_issuer_account_and_parameters()
    {
        var uri = Totp.BuildUri("Cinema Auth", "ada@example.com", "JBSWY3DPEHPK3PXP");
        Assert.Equal("otpauth://totp/Cinema%20Auth:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Cinema%20Auth&algorithm=SHA1&digits=6&period=30", uri);
    }

    [Fact]
    public void Recovery_codes_are_80_bits_and_normalize_on_input()
    {
        var code = RecoveryCodes.Create();
        Assert.Matches("^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$", code);
        var stored = RecoveryCodes.Protect(Guid.NewGuid(), Guid.NewGuid(), code);
        Assert.Same(stored, RecoveryCodes.FindMatch(code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), [stored]));
        Assert.False(RecoveryCodes.IsWellFormed("not-a-code"));
        Assert.Null(RecoveryCodes.FindMatch("not-a-code", [stored]));
        Assert.NotEqual(RecoveryCodes.Create(), RecoveryCodes.Create());
    }

    [Fact]
    public void Recovery_codes_are_stored_as_a_salted_pbkdf2_hash_not_plain_sha256()
    {
        var code = RecoveryCodes.Create();
        var first = RecoveryCodes.Protect(Guid.NewGuid(), Guid.NewGuid(), code);
        var second = RecoveryCodes.Protect(Guid.NewGuid(), Guid.NewGuid(), code);
        var normalized = System.Text.Encoding.ASCII.GetBytes(code.Replace("-", "", StringComparison.Ordinal));

        // A per-code random salt: the same code never gives the same stored hash, and the hash is not SHA-256 of the code.
        Assert.Equal(16, first.Salt.Length);
        Assert.NotEqual(first.Salt, second.Salt);
        Assert.NotEqual(first.CodeHash, second.CodeHash);
        Assert.NotEqual(System.Security.Cryptography.SHA256.HashData(normalized), first.CodeHash);
        Assert.True(first.Iterations >= 10_000);
        Assert.Equal(System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(normalized, first.Salt, first.Iterations, System.Security.Cryptography.HashAlgorithmName.SHA256, 32), first.CodeHash);

        // Each stored code verifies with its own salt; another code or a tampered hash does not match.
        var other = RecoveryCodes.Protect(Guid.NewGuid(), first.UserId, RecoveryCodes.Create());
        Assert.Same(first, RecoveryCodes.FindMatch(code, [other, first]));
        Assert.Null(RecoveryCodes.FindMatch(RecoveryCodes.Create(), [other, first]));
        var tampered = RecoveryCodes.Protect(first.Id, first.UserId, code);
        tampered.CodeHash[0] ^= 1;
        Assert.Null(RecoveryCodes.FindMatch(code, [tampered]));
    }
}
