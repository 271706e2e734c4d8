using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace CinemaAuthHost.SecurityTests;

public sealed class PasswordFixture : SecurityHostFixture
{
    protected override string Name => "passwords";
}

/// <summary>The password policy and hashing over HTTP: length bounds in code points, Unicode, no 72-byte truncation, commonness.</summary>
public sealed class PasswordTests(PasswordFixture fixture) : IClassFixture<PasswordFixture>
{
    private SecurityHost Host => fixture.Host;

    /// <summary>A deterministic, unguessable password of <paramref name="length"/> characters (no dictionary words).</summary>
    private static string Random(int length, int seed = 7)
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789#$%&*+=?@";
        var random = new Random(seed);
        return new string([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
    }

    private async Task<HttpResponseMessage> RegisterAsync(string password)
    {
        using var client = Host.CreateClient();
        return await client.PostAsJsonAsync("/auth/register", Api.RegisterBody(Api.NewEmail("pw"), password));
    }

    [Fact]
    public async Task Length_bounds_are_12_to_128_characters()
    {
        await (await RegisterAsync(Random(11))).AssertProblemAsync(HttpStatusCode.BadRequest, "weak_password");
        await (await RegisterAsync(Random(12))).AssertStatusAsync(HttpStatusCode.Created);
        await (await RegisterAsync(Random(128))).AssertStatusAsync(HttpStatusCode.Created);
        await (await RegisterAsync(Random(129))).AssertProblemAsync(HttpStatusCode.BadRequest, "weak_password");
        await (await RegisterAsync(Random(5000))).AssertProblemAsync(HttpStatusCode.BadRequest, "weak_password");
    }

    [Theory]
    [InlineData("correct horse battery staple ocean")]
    [InlineData("   leading and trailing spaces   ")]
    [InlineData("кот-бегемот-мастер-маргарита-1")]
    [InlineData("🎬🍿🎥 cinema night 🎞️ with popcorn")]
    [InlineData("日本語のパスワードはとても長いです")]
    [InlineData("Ünïcødé çhâràctérs ärë fîñé ok")]
    public async Task Spaces_emoji_and_printable_unicode_are_accepted_and_log_in(string password)
    {
        var account = await Host.RegisterAsync("unicode", password);
        var tokens = await Host.LoginAsync(account);
        Assert.False(string.IsNullOrEmpty(tokens.AccessToken));

        // One character off is a different password.
        var wrong = await Host.PostLoginAsync(new { email = account.Email, password = password[..^1] });
        await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task Two_passwords_sharing_the_first_72_bytes_do_not_verify_against_each_other()
    {
        var prefix = Random(72, seed: 72);
        Assert.Equal(72, Encoding.UTF8.GetByteCount(prefix));
        var account = await Host.RegisterAsync("bcrypt72", prefix + "A-first");
        await (await Host.PostLoginAsync(new { email = account.Email, password = prefix + "B-second" }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await (await Host.PostLoginAsync(new { email = account.Email, password = prefix }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await Host.LoginAsync(account);

        // The same with multi-byte characters crossing byte 72.
        var wide = new string('é', 36); // 72 bytes in UTF-8
        var other = await Host.RegisterAsync("bcrypt72u", wide + "Zq9#first");
        await (await Host.PostLoginAsync(new { email = other.Email, password = wide + "Zq9#secnd" }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("123456789012")]
    [InlineData("qwertyuiop123")]
    [InlineData("Password123!")]
    [InlineData("iloveyou12345")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    public async Task Common_passwords_are_refused_on_register_and_on_change(string common)
    {
        await (await RegisterAsync(common)).AssertProblemAsync(HttpStatusCode.BadRequest, "weak_password");

        var account = await Host.RegisterAsync("change");
        using var client = Host.CreateClient((await Host.LoginAsync(account)).AccessToken);
        var change = await client.PostAsJsonAsync("/me/password", new { currentPassword = account.Password, newPassword = common });
        await change.AssertProblemAsync(HttpStatusCode.BadRequest, "weak_password");
        var tooLong = await client.PostAsJsonAsync("/me/password", new { currentPassword = account.Password, newPassword = Random(129) });
        await tooLong.AssertProblemAsync(HttpStatusCode.BadRequest, "weak_password");

        // The old password still works: the refused change changed nothing.
        await Host.LoginAsync(account);
    }

    [Fact]
    public async Task Control_characters_are_refused()
    {
        await (await RegisterAsync("velvet-harbor\u0000quantum-07")).AssertProblemAsync(HttpStatusCode.BadRequest, "weak_password");
        await (await RegisterAsync("velvet-harbor\nquantum-07-x")).AssertProblemAsync(HttpStatusCode.BadRequest, "weak_password");
    }
}
