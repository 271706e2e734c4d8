using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CinemaAuthHost.Tests;

/// <summary>A viewer's life over HTTP: sign-up, sign-in, profile, tokens, sessions, password, history, MFA, deletion.</summary>
public abstract class UserJourneyTests(HostFixture fixture)
{
    private CinemaHost Host => fixture.Host;

    [Fact]
    public async Task Register_creates_a_user_with_the_user_role_and_refuses_weak_mismatched_and_taken()
    {
        using var client = Host.CreateClient();
        var email = Accounts.NewEmail("register");
        var created = await client.PostAsJsonAsync("/auth/register", new
        {
            email,
            password = Accounts.StrongPassword,
            passwordConfirm = Accounts.StrongPassword,
            firstName = "Grace",
            lastName = "Hopper",
            middleName = "Brewster",
            roles = new[] { "superadmin" }, // unknown fields are ignored, never bound
        });
        var profile = await created.JsonAsync(HttpStatusCode.Created);
        Assert.NotEqual(Guid.Empty, profile.GetProperty("id").GetGuid());
        Assert.Equal(email, profile.GetProperty("email").GetString());
        Assert.Equal("Grace", profile.GetProperty("firstName").GetString());
        Assert.Equal("Hopper", profile.GetProperty("lastName").GetString());
        Assert.Equal("Brewster", profile.GetProperty("middleName").GetString());
        Assert.Equal(["user"], profile.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.DoesNotContain("password", profile.GetRawText(), StringComparison.OrdinalIgnoreCase);

        var weak = await client.PostAsJsonAsync("/auth/register", new
        {
            email = Accounts.NewEmail("weak"),
            password = "password1234",
            passwordConfirm = "password1234",
            firstName = "Weak",
            lastName = "Password",
        });
        var weakProblem = await weak.AssertProblemAsync(HttpStatusCode.BadRequest, "weak_password");
        Assert.True(weakProblem.GetProperty("errors").TryGetProperty("password", out _));

        var mismatched = await client.PostAsJsonAsync("/auth/register", new
        {
            email = Accounts.NewEmail("mismatch"),
            password = Accounts.StrongPassword,
            passwordConfirm = Accounts.StrongPassword + "!",
            firstName = "Mis",
            lastName = "Match",
        });
        var mismatchProblem = await mismatched.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(mismatchProblem.GetProperty("errors").TryGetProperty("passwordConfirm", out _));

        var taken = await client.PostAsJsonAsync("/auth/register", new
        {
            email = email.ToUpperInvariant(),
            password = Accounts.StrongPassword,
            passwordConfirm = Accounts.StrongPassword,
            firstName = "Second",
            lastName = "Try",
        });
        await taken.AssertProblemAsync(HttpStatusCode.Conflict, "email_taken");
    }

    [Fact]
    public async Task Login_refuses_an_unknown_email_and_a_wrong_password_with_the_same_answer()
    {
        var account = await Host.RegisterAsync("login");

        var unknown = await Host.PostLoginAsync(new { email = Accounts.NewEmail("nobody"), password = Accounts.StrongPassword });
        var wrong = await Host.PostLoginAsync(new { email = account.Email, password = Accounts.StrongPassword + "x" });

        var unknownBody = await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        var wrongBody = await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(WithoutTraceId(unknownBody), WithoutTraceId(wrongBody));
    }

    [Fact]
    public async Task Login_returns_a_bearer_pair_that_reads_and_updates_the_profile()
    {
        var account = await Host.RegisterAsync("profile");

        var login = await Host.PostLoginAsync(new { email = account.Email, password = account.Password });
        Assert.Equal("no-store", login.Headers.CacheControl?.ToString());
        var tokens = await login.ReadAsync<Tokens>();
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.True(tokens.ExpiresIn > 0);
        Assert.Equal(3, tokens.AccessToken.Split('.').Length);

        using var client = Host.CreateClient(tokens.AccessToken);
        var me = await (await client.GetAsync("/me")).JsonAsync();
        Assert.Equal(account.Id, me.GetProperty("id").GetGuid());
        Assert.Equal(account.Email, me.GetProperty("email").GetString());
        Assert.Equal(["user"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(me.GetProperty("mfaEnabled").GetBoolean());
        Assert.True(me.GetProperty("createdAt").GetDateTimeOffset() <= DateTimeOffset.UtcNow.AddMinutes(1));

        var patched = await (await client.PatchJsonAsync("/me", new { firstName = "Augusta", middleName = "Ada", roles = new[] { "superadmin" } })).JsonAsync();
        Assert.Equal("Augusta", patched.GetProperty("firstName").GetString());
        Assert.Equal("Viewer", patched.GetProperty("lastName").GetString());
        Assert.Equal("Ada", patched.GetProperty("middleName").GetString());
        Assert.Equal(["user"], patched.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var reread = await (await client.GetAsync("/me")).JsonAsync();
        Assert.Equal("Augusta", reread.GetProperty("firstName").GetString());

        var permissions = await (await client.GetAsync("/me/permissions")).JsonAsync();
        Assert.Equal(["movies:read"], permissions.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));

        using var anonymous = Host.CreateClient();
        await (await anonymous.GetAsync("/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        using var forged = Host.CreateClient(tokens.AccessToken[..^4] + "AAAA");
        var problem = await (await forged.GetAsync("/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal("token_signature_invalid", problem.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Refresh_rotates_the_pair_and_a_reused_refresh_token_ends_the_session()
    {
        var account = await Host.RegisterAsync("refresh");
        var first = await Host.LoginAsync(account);
        using var anonymous = Host.CreateClient();

        var second = await (await anonymous.PostAsJsonAsync("/auth/refresh", new { refreshToken = first.RefreshToken })).ReadAsync<Tokens>();
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        using var refreshed = Host.CreateClient(second.AccessToken);
        await (await refreshed.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);

        var reused = await anonymous.PostAsJsonAsync("/auth/refresh", new { refreshToken = first.RefreshToken });
        await reused.AssertProblemAsync(HttpStatusCode.Unauthorized, "token_reused");

        // The whole session is revoked: the newest pair is dead too.
        await (await refreshed.GetAsync("/me")).AssertRevokedAsync();
        var newest = await anonymous.PostAsJsonAsync("/auth/refresh", new { refreshToken = second.RefreshToken });
        await newest.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");

        var garbage = await anonymous.PostAsJsonAsync("/auth/refresh", new { refreshToken = "not-a-refresh-token" });
        await garbage.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Logout_ends_the_session_at_once()
    {
        var account = await Host.RegisterAsync("logout");
        var tokens = await Host.LoginAsync(account);
        using var client = Host.CreateClient(tokens.AccessToken);
        await (await client.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);

        await (await client.PostAsync("/auth/logout", null)).AssertStatusAsync(HttpStatusCode.NoContent);

        await (await client.GetAsync("/me")).AssertRevokedAsync();
        await (await client.PostAsync("/auth/logout", null)).AssertRevokedAsync();
        using var anonymous = Host.CreateClient();
        var refresh = await anonymous.PostAsJsonAsync("/auth/refresh", new { refreshToken = tokens.RefreshToken });
        await refresh.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Logout_others_ends_every_other_session_and_keeps_this_one()
    {
        var account = await Host.RegisterAsync("others");
        using var laptop = Host.CreateClient((await Host.LoginAsync(account)).AccessToken);
        using var phone = Host.CreateClient((await Host.LoginAsync(account)).AccessToken);
        using var tablet = Host.CreateClient((await Host.LoginAsync(account)).AccessToken);

        var sessions = await (await laptop.GetAsync("/me/sessions")).JsonAsync();
        Assert.Equal(3, sessions.GetArrayLength());
        Assert.Single(sessions.EnumerateArray(), s => s.GetProperty("current").GetBoolean());
        Assert.All(sessions.EnumerateArray(), s => Assert.Equal(CinemaHost.UserAgent, s.GetProperty("userAgent").GetString()));

        await (await laptop.PostAsync("/auth/logout-others", null)).AssertStatusAsync(HttpStatusCode.NoContent);

        await (await laptop.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        await (await phone.GetAsync("/me")).AssertRevokedAsync();
        await (await tablet.GetAsync("/me")).AssertRevokedAsync();
        Assert.Equal(1, (await (await laptop.GetAsync("/me/sessions")).JsonAsync()).GetArrayLength());
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_replaces_the_password()
    {
        var account = await Host.RegisterAsync("password");
        using var current = Host.CreateClient((await Host.LoginAsync(account)).AccessToken);
        using var other = Host.CreateClient((await Host.LoginAsync(account)).AccessToken);
        const string newPassword = "copper-meadow-violin-93-glacier";

        var wrong = await current.PostAsJsonAsync("/me/password", new { currentPassword = "not-the-password-at-all", newPassword });
        await wrong.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_credentials");
        var weak = await current.PostAsJsonAsync("/me/password", new { currentPassword = account.Password, newPassword = "password1234" });
        await weak.AssertProblemAsync(HttpStatusCode.BadRequest, "weak_password");
        await (await other.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);

        var changed = await current.PostAsJsonAsync("/me/password", new { currentPassword = account.Password, newPassword });
        await changed.AssertStatusAsync(HttpStatusCode.NoContent);

        await (await current.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        await (await other.GetAsync("/me")).AssertRevokedAsync();
        await (await Host.PostLoginAsync(new { email = account.Email, password = account.Password }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await Host.LoginAsync(account.Email, newPassword);
    }

    [Fact]
    public async Task Login_history_lists_attempts_newest_first_in_pages()
    {
        var account = await Host.RegisterAsync("history");
        await Host.LoginAsync(account);
        await (await Host.PostLoginAsync(new { email = account.Email, password = "wrong-password-attempt-1" }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await Host.LoginAsync(account);
        using var client = Host.CreateClient((await Host.LoginAsync(account)).AccessToken);

        var first = await (await client.GetAsync("/me/login-history?page=1&pageSize=2")).JsonAsync();
        Assert.Equal(4, first.GetProperty("total").GetInt64());
        Assert.Equal(1, first.GetProperty("page").GetInt32());
        Assert.Equal(2, first.GetProperty("pageSize").GetInt32());
        var second = await (await client.GetAsync("/me/login-history?page=2&pageSize=2")).JsonAsync();
        Assert.Equal(2, second.GetProperty("page").GetInt32());

        var items = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal([true, true, false, true], items.Select(i => i.GetProperty("success").GetBoolean()));
        var times = items.Select(i => i.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);
        Assert.All(items, i =>
        {
            Assert.Equal("127.0.0.1", i.GetProperty("ip").GetString());
            Assert.Equal(CinemaHost.UserAgent, i.GetProperty("userAgent").GetString());
        });

        var beyond = await (await client.GetAsync("/me/login-history?page=3&pageSize=2")).JsonAsync();
        Assert.Equal(0, beyond.GetProperty("items").GetArrayLength());
        await (await client.GetAsync("/me/login-history?page=0&pageSize=2")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Mfa_requires_a_code_at_login_and_recovery_codes_work_once()
    {
        var account = await Host.RegisterAsync("mfa");
        using var client = Host.CreateClient((await Host.LoginAsync(account)).AccessToken);

        var setup = await (await client.PostAsync("/me/mfa/totp/setup", null)).JsonAsync();
        var secret = setup.GetProperty("secret").GetString()!;
        Assert.Matches("^[A-Z2-7]+=*$", secret);
        var uri = setup.GetProperty("otpauthUri").GetString()!;
        Assert.StartsWith("otpauth://totp/", uri, StringComparison.Ordinal);
        Assert.Contains($"secret={secret}", uri, StringComparison.Ordinal);
        Assert.Contains("issuer=Cinema", uri, StringComparison.Ordinal);
        Assert.Contains("<svg", setup.GetProperty("qrCodeSvg").GetString(), StringComparison.Ordinal);

        var wrongConfirm = await client.PostAsJsonAsync("/me/mfa/totp/confirm", new { code = Accounts.WrongTotpCode(secret) });
        await wrongConfirm.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_mfa_code");
        var confirmed = await (await client.PostAsJsonAsync("/me/mfa/totp/confirm", new { code = Accounts.TotpCode(secret, DateTime.UtcNow) })).JsonAsync();
        var recoveryCodes = confirmed.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(10, recoveryCodes.Count);
        Assert.Equal(10, recoveryCodes.Distinct(StringComparer.Ordinal).Count());
        Assert.True((await (await client.GetAsync("/me")).JsonAsync()).GetProperty("mfaEnabled").GetBoolean());

        await (await Host.PostLoginAsync(new { email = account.Email, password = account.Password }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "mfa_required");
        await (await Host.PostLoginAsync(new { email = account.Email, password = account.Password, twoFactorCode = "12345x" }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_mfa_code");

        // The next time step: the confirmation spent the current one, and a step works only once.
        var code = Accounts.TotpCode(secret, DateTime.UtcNow.AddSeconds(30));
        var withCode = await (await Host.PostLoginAsync(new { email = account.Email, password = account.Password, twoFactorCode = code })).ReadAsync<Tokens>();
        using var mfaClient = Host.CreateClient(withCode.AccessToken);
        await (await mfaClient.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        await (await Host.PostLoginAsync(new { email = account.Email, password = account.Password, twoFactorCode = code }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_mfa_code");

        await (await Host.PostLoginAsync(new { email = account.Email, password = account.Password, recoveryCode = recoveryCodes[0] })).ReadAsync<Tokens>();
        await (await Host.PostLoginAsync(new { email = account.Email, password = account.Password, recoveryCode = recoveryCodes[0] }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_mfa_code");
        await (await Host.PostLoginAsync(new { email = account.Email, password = account.Password, recoveryCode = recoveryCodes[1] })).ReadAsync<Tokens>();

        // Turning MFA off needs the second factor (here an unused recovery code); then the password alone is enough again.
        await (await mfaClient.DeleteJsonAsync("/me/mfa/totp", new { password = account.Password })).AssertStatusAsync(HttpStatusCode.BadRequest);
        await (await mfaClient.DeleteJsonAsync("/me/mfa/totp", new { recoveryCode = recoveryCodes[2] })).AssertStatusAsync(HttpStatusCode.NoContent);
        await Host.LoginAsync(account);
    }

    [Fact]
    public async Task Deleting_the_account_ends_its_sessions_and_later_logins()
    {
        var account = await Host.RegisterAsync("delete");
        using var client = Host.CreateClient((await Host.LoginAsync(account)).AccessToken);
        using var other = Host.CreateClient((await Host.LoginAsync(account)).AccessToken);

        await (await client.DeleteJsonAsync("/me", new { password = "not-the-password-at-all" })).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_credentials");
        await (await client.DeleteJsonAsync("/me", new { password = account.Password })).AssertStatusAsync(HttpStatusCode.NoContent);

        await (await client.GetAsync("/me")).AssertRevokedAsync();
        await (await other.GetAsync("/me")).AssertRevokedAsync();
        await (await Host.PostLoginAsync(new { email = account.Email, password = account.Password }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    private static string WithoutTraceId(JsonElement problem)
    {
        var node = JsonNode.Parse(problem.GetRawText())!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString();
    }
}

public sealed class SqliteUserJourneyTests(SqliteHostFixture fixture) : UserJourneyTests(fixture), IClassFixture<SqliteHostFixture>;

public sealed class PostgresUserJourneyTests(PostgresHostFixture fixture) : UserJourneyTests(fixture), IClassFixture<PostgresHostFixture>;
