using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RbacKit.Accounts;

namespace RbacKit.AspNetCore.Tests;

public sealed class AuthApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly AuthHost _host = fixture.Host;

    [Fact]
    public async Task Register_creates_a_user_with_the_default_role_and_ignores_privileged_fields()
    {
        var email = AuthHost.NewEmail();
        var response = await _host.Client.PostAsJsonAsync("/auth/register", new
        {
            email,
            password = AuthHost.Password,
            passwordConfirm = AuthHost.Password,
            firstName = "Grace",
            lastName = "Hopper",
            middleName = "B",
            roles = new[] { "superadmin" },
            isActive = false,
            id = Guid.Empty,
            mfaEnabled = true,
        });

        var user = await response.ReadAsync<UserProfile>(HttpStatusCode.Created);
        Assert.NotEqual(Guid.Empty, user.Id);
        Assert.Equal(email, user.Email);
        Assert.Equal(("Grace", "Hopper", "B"), (user.FirstName, user.LastName, user.MiddleName));
        Assert.Equal(["user"], user.Roles);
        Assert.True(user.IsActive);
        Assert.False(user.MfaEnabled);
    }

    [Fact]
    public async Task Register_refuses_invalid_input_with_field_errors()
    {
        var response = await _host.Client.PostAsJsonAsync("/auth/register", new
        {
            email = "not-an-email",
            password = AuthHost.Password,
            passwordConfirm = AuthHost.Password + "x",
            firstName = "",
            lastName = "Hopper",
        });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("passwordConfirm", out _));
        Assert.True(errors.TryGetProperty("firstName", out _));
    }

    [Fact]
    public async Task Register_refuses_a_weak_password()
    {
        var response = await _host.Client.PostAsJsonAsync("/auth/register", new
        {
            email = AuthHost.NewEmail(), password = "password123", passwordConfirm = "password123", firstName = "A", lastName = "B",
        });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "weak_password");
    }

    [Fact]
    public async Task Register_twice_with_the_same_email_is_a_conflict()
    {
        var email = AuthHost.NewEmail();
        await _host.RegisterAsync(email);
        var response = await _host.Client.PostAsJsonAsync("/auth/register", new
        {
            email = email.ToUpperInvariant(), password = AuthHost.Password, passwordConfirm = AuthHost.Password, firstName = "A", lastName = "B",
        });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "email_taken");
    }

    [Fact]
    public async Task Login_returns_a_bearer_token_pair_that_is_not_cached()
    {
        var email = AuthHost.NewEmail();
        await _host.RegisterAsync(email);
        var response = await _host.Client.PostAsJsonAsync("/auth/login", new { email, password = AuthHost.Password });

        var pair = await response.ReadAsync<TokenPair>();
        Assert.Equal("Bearer", pair.TokenType);
        Assert.Equal(600, pair.ExpiresIn);
        Assert.Equal(3, pair.AccessToken.Split('.').Length);
        Assert.False(string.IsNullOrEmpty(pair.RefreshToken));
        Assert.True(response.Headers.CacheControl?.NoStore);
        var me = await _host.CreateClient(pair.AccessToken).GetAsync("/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task Login_failures_look_the_same_for_unknown_email_and_wrong_password()
    {
        var email = AuthHost.NewEmail();
        await _host.RegisterAsync(email);

        var wrong = await _host.Client.PostAsJsonAsync("/auth/login", new { email, password = "wrong-password-123" });
        var unknown = await _host.Client.PostAsJsonAsync("/auth/login", new { email = AuthHost.NewEmail(), password = "wrong-password-123" });

        var a = await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        var b = await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(a.GetProperty("detail").GetString(), b.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Login_without_fields_is_a_validation_problem()
    {
        var response = await _host.Client.PostAsJsonAsync("/auth/login", new { });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Refresh_rotates_and_a_reused_refresh_token_ends_the_session()
    {
        var user = await _host.CreateUserAsync();

        var first = await _host.Client.PostAsJsonAsync("/auth/refresh", new { refreshToken = user.Tokens.RefreshToken });
        var next = await first.ReadAsync<TokenPair>();
        Assert.NotEqual(user.Tokens.RefreshToken, next.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, (await _host.CreateClient(next.AccessToken).GetAsync("/me")).StatusCode);

        var reused = await _host.Client.PostAsJsonAsync("/auth/refresh", new { refreshToken = user.Tokens.RefreshToken });
        await reused.AssertProblemAsync(HttpStatusCode.Unauthorized, "token_reused");

        await (await _host.CreateClient(next.AccessToken).GetAsync("/me")).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        var afterReuse = await _host.Client.PostAsJsonAsync("/auth/refresh", new { refreshToken = next.RefreshToken });
        await afterReuse.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Refresh_with_an_unknown_token_is_invalid_token()
    {
        var response = await _host.Client.PostAsJsonAsync("/auth/refresh", new { refreshToken = "bm90LWEtcmVhbC10b2tlbg" });
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Refresh_without_a_token_is_a_validation_problem()
    {
        var response = await _host.Client.PostAsJsonAsync("/auth/refresh", new { });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task Logout_stops_the_access_and_refresh_tokens_at_once()
    {
        var user = await _host.CreateUserAsync();
        var client = _host.CreateClient(user.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/me")).StatusCode);

        var logout = await client.PostAsync("/auth/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        var after = await client.GetAsync("/me");
        var problem = await after.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
        Assert.Equal("token_revoked", problem.GetProperty("reason").GetString());
        var refresh = await _host.Client.PostAsJsonAsync("/auth/refresh", new { refreshToken = user.Tokens.RefreshToken });
        await refresh.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task Logout_others_keeps_only_the_current_session()
    {
        var user = await _host.CreateUserAsync();
        var other = await _host.LoginAsync(user.Email);
        var otherClient = _host.CreateClient(other.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await otherClient.GetAsync("/me")).StatusCode);

        var response = await _host.CreateClient(user.AccessToken).PostAsync("/auth/logout-others", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherClient.GetAsync("/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.CreateClient(user.AccessToken).GetAsync("/me")).StatusCode);
    }

    [Theory]
    [InlineData("/auth/logout")]
    [InlineData("/auth/logout-others")]
    public async Task Logout_needs_a_token(string path)
    {
        var response = await _host.Client.PostAsync(path, null);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Fact]
    public async Task Login_with_mfa_needs_the_second_factor()
    {
        var user = await _host.CreateUserAsync();
        var codes = await Mfa.EnableAsync(_host.CreateClient(user.AccessToken));

        var without = await _host.Client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = AuthHost.Password });
        await without.AssertProblemAsync(HttpStatusCode.Unauthorized, "mfa_required");

        var wrong = await _host.Client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = AuthHost.Password, twoFactorCode = "000000" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        var with = await _host.Client.PostAsJsonAsync("/auth/login", new { email = user.Email, password = AuthHost.Password, recoveryCode = codes[0] });
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task Login_history_records_attempts_with_client_information()
    {
        var email = AuthHost.NewEmail();
        await _host.RegisterAsync(email);
        var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = JsonContent.Create(new { email, password = AuthHost.Password }) };
        request.Headers.Add("X-Test-Client-Ip", "203.0.113.7");
        request.Headers.UserAgent.ParseAdd("RbacKitTests/1.0");
        var pair = await (await _host.Client.SendAsync(request)).ReadAsync<TokenPair>();

        var history = await (await _host.CreateClient(pair.AccessToken).GetAsync("/me/login-history")).JsonAsync();

        var item = history.GetProperty("items")[0];
        Assert.Equal("203.0.113.7", item.GetProperty("ip").GetString());
        Assert.Equal("RbacKitTests/1.0", item.GetProperty("userAgent").GetString());
        Assert.True(item.GetProperty("success").GetBoolean());
        Assert.Equal(JsonValueKind.String, item.GetProperty("at").ValueKind);
    }
}
