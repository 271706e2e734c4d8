using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CinemaAuthHost.SecurityTests;

public sealed class AccountProofFixture : SecurityHostFixture
{
    protected override string Name => "proofs";

    protected override (string Key, string Value)[] Settings => [("RateLimits:AccountProof:PermitLimit", "8")];
}

/// <summary>
/// A stolen access token does not allow password guessing: every wrong current password (or second factor) on the
/// self-service endpoints counts toward the login lockout (5 failures), the attempts are limited per account, and while
/// the account is locked even the right password is refused (429 <c>account_locked</c>).
/// </summary>
public sealed class AccountProofTests(AccountProofFixture fixture) : IClassFixture<AccountProofFixture>
{
    private SecurityHost Host => fixture.Host;

    private const string Wrong = "not-my-password-at-all";

    public static TheoryData<string> Endpoints => ["password", "email", "delete", "mfa"];

    private static Task<HttpResponseMessage> ProveAsync(HttpClient client, string endpoint, string password) => endpoint switch
    {
        "password" => client.PostAsJsonAsync("/me/password", new { currentPassword = password, newPassword = "An0ther-Strong-Passphrase!" }),
        "email" => client.PostAsJsonAsync("/me/email", new { currentPassword = password, newEmail = Api.NewEmail("moved") }),
        "delete" => client.SendAsync(HttpMethod.Delete, "/me", JsonSerializer.Serialize(new { password })),
        _ => client.SendAsync(HttpMethod.Delete, "/me/mfa/totp", JsonSerializer.Serialize(new { recoveryCode = password })),
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Wrong_proofs_lock_the_account_and_then_the_right_one_is_refused(string endpoint)
    {
        var (account, accessToken, rightProof) = await SignedInAsync(endpoint);
        using var client = Host.CreateClient(accessToken);
        for (var i = 0; i < 4; i++)
        {
            var wrong = await ProveAsync(client, endpoint, Wrong);
            await wrong.AssertProblemAsync(HttpStatusCode.BadRequest, endpoint == "mfa" ? "invalid_mfa_code" : "invalid_credentials");
        }

        // The fifth wrong proof reaches the login threshold.
        var locked = await (await ProveAsync(client, endpoint, Wrong)).AssertProblemAsync(HttpStatusCode.TooManyRequests, "account_locked");
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", locked.GetProperty("type").GetString());
        await (await ProveAsync(client, endpoint, rightProof)).AssertProblemAsync(HttpStatusCode.TooManyRequests, "account_locked");

        // The lockout is the login's: the right password does not log in either.
        await (await Host.PostLoginAsync(new { email = account.Email, password = account.Password })).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(1, await Host.CountAsync($"SELECT count(*) FROM rbac_users WHERE \"Id\" = '{account.Id}' AND \"IsActive\" AND \"LockoutEnd\" > now()"));
    }

    [Fact]
    public async Task Password_proofs_are_rate_limited_per_account()
    {
        var account = await Host.RegisterAsync("proof-limit");
        using var first = Host.CreateClient((await Host.LoginAsync(account)).AccessToken);

        // Right proofs never lock; the limit (8 in this host) is per account. (An email change request ends the other
        // sessions, so the requests come from one session and the refused one from a session signed in afterwards.)
        for (var i = 0; i < 8; i++)
        {
            var response = await first.PostAsJsonAsync("/me/email", new { currentPassword = account.Password, newEmail = Api.NewEmail("limit") });
            await response.AssertStatusAsync(HttpStatusCode.Accepted);
        }

        using var second = Host.CreateClient((await Host.LoginAsync(account)).AccessToken);
        var throttled = await second.PostAsJsonAsync("/me/email", new { currentPassword = account.Password, newEmail = Api.NewEmail("limit") });
        await throttled.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.NotNull(throttled.Headers.RetryAfter);
    }

    /// <summary>A fresh account (with TOTP on for the MFA endpoint), an access token of it and the right proof (password, or an unused recovery code).</summary>
    private async Task<(Account Account, string AccessToken, string RightProof)> SignedInAsync(string endpoint)
    {
        if (endpoint != "mfa")
        {
            var account = await Host.RegisterAsync("proof-" + endpoint);
            return (account, (await Host.LoginAsync(account)).AccessToken, account.Password);
        }

        // EnrolAsync consumed the current step; the next one (one step of drift) logs in.
        var (enrolled, secret, codes) = await MfaTests.EnrolAsync(Host);
        var response = await Host.PostLoginAsync(new { email = enrolled.Email, password = enrolled.Password, twoFactorCode = Api.TotpCode(secret, DateTime.UtcNow.AddSeconds(30)) });
        return (enrolled, (await response.ReadAsync<Tokens>()).AccessToken, codes[0]);
    }
}

/// <summary>A password change must change the password.</summary>
public sealed class PasswordReuseTests(AccountProofFixture fixture) : IClassFixture<AccountProofFixture>
{
    [Fact]
    public async Task The_current_password_is_refused_as_the_new_one()
    {
        var account = await fixture.Host.RegisterAsync("reuse");
        using var client = fixture.Host.CreateClient((await fixture.Host.LoginAsync(account)).AccessToken);
        var response = await client.PostAsJsonAsync("/me/password", new { currentPassword = account.Password, newPassword = account.Password });
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "password_reused");
        Assert.True(problem.GetProperty("errors").TryGetProperty("newPassword", out _));

        // Nothing changed: the session is alive and a real change still works.
        await (await client.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        await (await client.PostAsJsonAsync("/me/password", new { currentPassword = account.Password, newPassword = "An0ther-Strong-Passphrase!" }))
            .AssertStatusAsync(HttpStatusCode.NoContent);
    }
}
