using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RbacKit.Accounts;

namespace RbacKit.AspNetCore.Tests;

public sealed class AccountApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly AuthHost _host = fixture.Host;

    [Fact]
    public async Task Get_me_returns_the_profile()
    {
        var user = await _host.CreateUserAsync("moderator");
        var profile = await (await _host.CreateClient(user.AccessToken).GetAsync("/me")).ReadAsync<UserProfile>();

        Assert.Equal(user.Id, profile.Id);
        Assert.Equal(user.Email, profile.Email);
        Assert.Equal(["moderator", "user"], profile.Roles);
        Assert.False(profile.MfaEnabled);
        Assert.NotEqual(default, profile.CreatedAt);
    }

    [Fact]
    public async Task Patch_me_changes_names_only()
    {
        var user = await _host.CreateUserAsync();
        var client = _host.CreateClient(user.AccessToken);
        var response = await client.SendJsonAsync(HttpMethod.Patch, "/me", new
        {
            firstName = "Augusta",
            middleName = "Ada",
            email = "attacker@example.com",
            id = Guid.NewGuid(),
            roles = new[] { "superadmin" },
            isActive = false,
        });

        var profile = await response.ReadAsync<UserProfile>();
        Assert.Equal(("Augusta", "Lovelace", "Ada"), (profile.FirstName, profile.LastName, profile.MiddleName));
        Assert.Equal(user.Email, profile.Email);
        Assert.Equal(user.Id, profile.Id);
        Assert.Equal(["user"], profile.Roles);
        Assert.True(profile.IsActive);
    }

    [Fact]
    public async Task Patch_me_validates_names()
    {
        var user = await _host.CreateUserAsync();
        var response = await _host.CreateClient(user.AccessToken).SendJsonAsync(HttpMethod.Patch, "/me", new { firstName = new string('a', 101) });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty("firstName", out _));
    }

    [Fact]
    public async Task Change_password_ends_other_sessions_and_the_new_password_works()
    {
        var user = await _host.CreateUserAsync();
        var other = await _host.LoginAsync(user.Email);
        const string next = "another-Long-passphrase-77";

        var wrong = await _host.CreateClient(user.AccessToken).PostAsJsonAsync("/me/password", new { currentPassword = "nope-nope-nope", newPassword = next });
        await wrong.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_credentials");

        var weak = await _host.CreateClient(user.AccessToken).PostAsJsonAsync("/me/password", new { currentPassword = AuthHost.Password, newPassword = "12345678" });
        await weak.AssertProblemAsync(HttpStatusCode.BadRequest, "weak_password");

        var response = await _host.CreateClient(user.AccessToken).PostAsJsonAsync("/me/password", new { currentPassword = AuthHost.Password, newPassword = next });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.CreateClient(other.AccessToken).GetAsync("/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.CreateClient(user.AccessToken).GetAsync("/me")).StatusCode);
        await _host.LoginAsync(user.Email, next);
    }

    [Fact]
    public async Task Change_email_checks_the_password_and_uniqueness()
    {
        var user = await _host.CreateUserAsync();
        var taken = await _host.CreateUserAsync();
        var client = _host.CreateClient(user.AccessToken);

        var conflict = await client.PostAsJsonAsync("/me/email", new { currentPassword = AuthHost.Password, newEmail = taken.Email });
        await conflict.AssertProblemAsync(HttpStatusCode.Conflict, "email_taken");

        var wrong = await client.PostAsJsonAsync("/me/email", new { currentPassword = "not-the-password", newEmail = AuthHost.NewEmail() });
        await wrong.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_credentials");

        var invalid = await client.PostAsJsonAsync("/me/email", new { currentPassword = AuthHost.Password, newEmail = "nope" });
        await invalid.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        var fresh = AuthHost.NewEmail();
        // Accepted: the address changes only when the link mailed to it is confirmed (CinemaAuthHost.Tests.MailJourneyTests).
        var accepted = await client.PostAsJsonAsync("/me/email", new { currentPassword = AuthHost.Password, newEmail = fresh });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await _host.LoginAsync(user.Email);
    }

    [Fact]
    public async Task Delete_me_deactivates_the_account_and_ends_every_session()
    {
        var user = await _host.CreateUserAsync();
        var other = await _host.LoginAsync(user.Email);
        var client = _host.CreateClient(user.AccessToken);

        var wrong = await client.SendJsonAsync(HttpMethod.Delete, "/me", new { password = "not-the-password" });
        await wrong.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_credentials");

        var response = await client.SendJsonAsync(HttpMethod.Delete, "/me", new { password = AuthHost.Password });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await (await client.GetAsync("/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.CreateClient(other.AccessToken).GetAsync("/me")).StatusCode);
        var login = await _host.Client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = AuthHost.Password });
        await login.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }

    [Fact]
    public async Task Get_my_permissions_lists_effective_permissions()
    {
        var user = await _host.CreateUserAsync("moderator");
        var json = await (await _host.CreateClient(user.AccessToken).GetAsync("/me/permissions")).JsonAsync();
        var permissions = json.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()!).ToArray();
        Assert.Equal(["movies:read", "movies:write"], permissions);
    }

    [Fact]
    public async Task Sessions_are_listed_and_ended_by_their_owner_only()
    {
        var user = await _host.CreateUserAsync();
        var second = await _host.LoginAsync(user.Email);
        var stranger = await _host.CreateUserAsync();
        var client = _host.CreateClient(user.AccessToken);

        var sessions = await (await client.GetAsync("/me/sessions")).ReadAsync<SessionInfo[]>();
        Assert.Equal(2, sessions.Length);
        Assert.Single(sessions, s => s.Current);
        var other = sessions.Single(s => !s.Current);

        var foreign = await _host.CreateClient(stranger.AccessToken).DeleteAsync($"/me/sessions/{other.Id}");
        await foreign.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.OK, (await _host.CreateClient(second.AccessToken).GetAsync("/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/me/sessions/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.CreateClient(second.AccessToken).GetAsync("/me")).StatusCode);
        await (await client.DeleteAsync($"/me/sessions/{other.Id}")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Single(await (await client.GetAsync("/me/sessions")).ReadAsync<SessionInfo[]>());
    }

    [Fact]
    public async Task Login_history_is_paged_newest_first()
    {
        var user = await _host.CreateUserAsync();
        await _host.Client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = "wrong-password-1" });
        await _host.LoginAsync(user.Email);
        var client = _host.CreateClient(user.AccessToken);

        var page = await (await client.GetAsync("/me/login-history?page=1&pageSize=2")).JsonAsync();

        Assert.Equal(3, page.GetProperty("total").GetInt64());
        Assert.Equal(2, page.GetProperty("pageSize").GetInt32());
        var items = page.GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(2, items.Length);
        Assert.True(items[0].GetProperty("success").GetBoolean());
        Assert.False(items[1].GetProperty("success").GetBoolean());
        Assert.True(items[0].GetProperty("at").GetDateTimeOffset() >= items[1].GetProperty("at").GetDateTimeOffset());

        await (await client.GetAsync("/me/login-history?page=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await client.GetAsync("/me/login-history?pageSize=abc")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await client.GetAsync("/me/login-history?pageSize=1000")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Mfa_setup_returns_secret_uri_and_svg_qr_code_then_confirm_and_disable()
    {
        var user = await _host.CreateUserAsync();
        var client = _host.CreateClient(user.AccessToken);

        var (secret, uri, svg) = await Mfa.SetupAsync(client);
        Assert.StartsWith("otpauth://totp/", uri, StringComparison.Ordinal);
        Assert.Contains(secret, uri, StringComparison.Ordinal);
        Assert.Contains("<svg", svg, StringComparison.Ordinal);

        var wrong = await client.PostAsJsonAsync("/me/mfa/totp/confirm", new { code = "000000" });
        await wrong.AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_mfa_code");
        var missing = await client.PostAsJsonAsync("/me/mfa/totp/confirm", new { });
        await missing.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        var confirm = await client.PostAsJsonAsync("/me/mfa/totp/confirm", new { code = Mfa.Code(secret) });
        var codes = (await confirm.JsonAsync()).GetProperty("recoveryCodes").EnumerateArray().ToArray();
        Assert.Equal(10, codes.Length);
        Assert.True((await (await client.GetAsync("/me")).ReadAsync<UserProfile>()).MfaEnabled);

        await (await client.PostAsync("/me/mfa/totp/setup", null)).AssertProblemAsync(HttpStatusCode.Conflict, "mfa_state");
        // Turning MFA off needs the second factor: the password alone is not enough (ASVS 5.0 V7.5).
        await (await client.SendJsonAsync(HttpMethod.Delete, "/me/mfa/totp", new { password = AuthHost.Password })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await client.SendJsonAsync(HttpMethod.Delete, "/me/mfa/totp", new { code = "000000" })).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_mfa_code");

        var disable = await client.SendJsonAsync(HttpMethod.Delete, "/me/mfa/totp", new { recoveryCode = codes[0].GetString() });
        Assert.Equal(HttpStatusCode.NoContent, disable.StatusCode);
        Assert.False((await (await client.GetAsync("/me")).ReadAsync<UserProfile>()).MfaEnabled);
        await (await client.SendJsonAsync(HttpMethod.Delete, "/me/mfa/totp", new { recoveryCode = codes[1].GetString() })).AssertProblemAsync(HttpStatusCode.Conflict, "mfa_state");
    }

    [Theory]
    [InlineData("GET", "/me")]
    [InlineData("PATCH", "/me")]
    [InlineData("DELETE", "/me")]
    [InlineData("POST", "/me/password")]
    [InlineData("POST", "/me/email")]
    [InlineData("GET", "/me/permissions")]
    [InlineData("GET", "/me/sessions")]
    [InlineData("DELETE", "/me/sessions/0195f0a4-0000-7000-8000-000000000000")]
    [InlineData("GET", "/me/login-history")]
    [InlineData("POST", "/me/mfa/totp/setup")]
    [InlineData("POST", "/me/mfa/totp/confirm")]
    [InlineData("DELETE", "/me/mfa/totp")]
    public async Task Every_account_endpoint_needs_a_token(string method, string path)
    {
        var response = await _host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) });
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal(JsonValueKind.Undefined, problem.TryGetProperty("reason", out var r) ? r.ValueKind : JsonValueKind.Undefined);
    }
}
