using Microsoft.Extensions.Options;
using RbacKit.Passwords;

namespace RbacKit.Core.Tests;

public class PasswordTests
{
    private static readonly IOptions<RbacKitOptions> Options = Microsoft.Extensions.Options.Options.Create(Configure(new RbacKitOptions()));
    private readonly BCryptPasswordHasher _hasher = new(Options);
    private readonly PasswordPolicy _policy = new(Options);

    private static RbacKitOptions Configure(RbacKitOptions o)
    {
        o.Passwords.WorkFactor = 4;
        o.Passwords.AllowWeakWorkFactor = true;
        return o;
    }

    private static string Passphrase(int length)
    {
        const string words = "velvet-orbit-quantum-harbor-lantern-mosaic-cobalt-thistle-juniper-saffron-meadow-zephyr-";
        var text = string.Concat(Enumerable.Repeat(words, 3));
        return text[..length];
    }

    [Theory]
    [InlineData(11, false)]
    [InlineData(12, true)]
    [InlineData(128, true)]
    [InlineData(129, false)]
    public void Length_limits_are_12_to_128(int length, bool accepted)
    {
        var password = length == 12 ? "Qz7!vR2#mK9p"[..12] : length == 11 ? "Qz7!vR2#mK9" : Passphrase(length);
        Assert.Equal(length, password.Length);
        Assert.Equal(accepted, _policy.Check(password, []) is null);
    }

    [Theory]
    [InlineData("purple elephant dances quietly")]
    [InlineData("🦊🐙🦉 forest 🌲 river 🌊 ok")]
    [InlineData("Ünïcödé-päßwörd-☃-Zürich")]
    public void Spaces_emoji_and_printable_unicode_are_accepted(string password)
    {
        Assert.Null(_policy.Check(password, []));
        Assert.Equal(PasswordVerification.Success, _hasher.Verify(password, _hasher.Hash(password)));
    }

    [Fact]
    public void Emoji_count_as_one_character_each()
    {
        // 11 code points (22 UTF-16 units): too short.
        Assert.NotNull(_policy.Check("🦊🐙🦉🌲🌊🐝🦋🐢🐳🦄🍄", []));
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("Password123!")]
    [InlineData("qwertyuiop123")]
    [InlineData("iloveyou1234")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("123456789012")]
    public void Common_and_guessable_passwords_are_rejected(string password)
    {
        var error = _policy.Check(password, []);
        Assert.NotNull(error);
        Assert.Equal(RbacErrorCodes.WeakPassword, error.Code);
    }

    [Fact]
    public void Passwords_built_from_the_users_own_data_are_rejected()
    {
        Assert.NotNull(_policy.Check("ada.lovelace1815", ["ada.lovelace@example.com", "Ada", "Lovelace"]));
    }

    [Fact]
    public void Control_characters_are_rejected() => Assert.NotNull(_policy.Check("purple elephant\u0000dances", []));

    [Fact]
    public void Two_passwords_sharing_the_first_72_bytes_do_not_verify_against_each_other()
    {
        var prefix = new string('x', 72);
        var hash = _hasher.Hash(prefix + "-first");
        Assert.Equal(PasswordVerification.Success, _hasher.Verify(prefix + "-first", hash));
        Assert.Equal(PasswordVerification.Failed, _hasher.Verify(prefix + "-second", hash));
        Assert.Equal(PasswordVerification.Failed, _hasher.Verify(prefix, hash));
    }

    [Fact]
    public void Unicode_forms_are_normalized_before_hashing()
    {
        var composed = "caf\u00e9 au lait, s'il vous plaît";
        var decomposed = "cafe\u0301 au lait, s'il vous plaît";
        Assert.Equal(PasswordVerification.Success, _hasher.Verify(decomposed, _hasher.Hash(composed)));
    }

    [Fact]
    public void A_hash_of_another_cost_asks_for_a_rehash()
    {
        var strong = new BCryptPasswordHasher(Microsoft.Extensions.Options.Options.Create(Configure(new RbacKitOptions())));
        var other = Configure(new RbacKitOptions());
        other.Passwords.WorkFactor = 5;
        var hasherAt5 = new BCryptPasswordHasher(Microsoft.Extensions.Options.Options.Create(other));
        var hash = strong.Hash("orange kettle whistles loudly");
        Assert.Equal(PasswordVerification.SuccessRehashNeeded, hasherAt5.Verify("orange kettle whistles loudly", hash));
        Assert.Equal(PasswordVerification.Success, strong.Verify("orange kettle whistles loudly", hash));
        Assert.StartsWith("$2a$05$", hasherAt5.Hash("x"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-bcrypt-hash")]
    public void Garbage_hashes_fail_without_throwing(string hash) =>
        Assert.Equal(PasswordVerification.Failed, _hasher.Verify("orange kettle whistles loudly", hash));

    [Fact]
    public void Default_work_factor_is_at_least_11() => Assert.True(new RbacKitOptions().Passwords.WorkFactor >= 11);
}
