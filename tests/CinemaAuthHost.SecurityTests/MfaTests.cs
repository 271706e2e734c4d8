using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CinemaAuthHost.SecurityTests;

public sealed class MfaFixture : SecurityHostFixture
{
    protected override string Name => "mfa";
}

/// <summary>TOTP over HTTP: single use (also under parallel submissions), one step of drift, single-use recovery codes.</summary>
public sealed class MfaTests(MfaFixture fixture) : IClassFixture<MfaFixture>
{
    private SecurityHost Host => fixture.Host;

    /// <summary>Registers a user and turns TOTP on; the confirmation consumed the code of the current step.</summary>
    internal static async Task<(Account Account, string Secret, string[] RecoveryCodes)> EnrolAsync(SecurityHost host)
    {
        var account = await host.RegisterAsync("mfa");
        using var client = host.CreateClient((await host.LoginAsync(account)).AccessToken);
        var setup = await (await client.PostAsync("/me/mfa/totp/setup", null)).JsonAsync();
        var secret = setup.GetProperty("secret").GetString()!;
        var confirm = await client.PostAsJsonAsync("/me/mfa/totp/confirm", new { code = Api.TotpCode(secret, DateTime.UtcNow) });
        var codes = (await confirm.JsonAsync()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        return (account, secret, codes);
    }

    private Task<HttpResponseMessage> LoginAsync(Account account, string? code = null, string? recovery = null) =>
        Host.PostLoginAsync(new { email = account.Email, password = account.Password, twoFactorCode = code, recoveryCode = recovery });

    [Fact]
    public async Task A_code_is_accepted_once()
    {
        var (account, secret, _) = await EnrolAsync(Host);
        await (await LoginAsync(account)).AssertProblemAsync(HttpStatusCode.Unauthorized, "mfa_required");

        // The confirmation used the current step; the next step (one step of drift) works once.
        var next = Api.TotpCode(secret, DateTime.UtcNow.AddSeconds(30));
        await (await LoginAsync(account, next)).AssertStatusAsync(HttpStatusCode.OK);
        await (await LoginAsync(account, next)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_mfa_code");

        // And an earlier code is no good after a later one was used.
        await (await LoginAsync(account, Api.TotpCode(secret, DateTime.UtcNow))).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_mfa_code");
    }

    [Fact]
    public async Task Two_parallel_submissions_of_one_code_succeed_at_most_once()
    {
        var outcomes = new List<HttpStatusCode>();
        for (var trial = 0; trial < 3; trial++)
        {
            var (account, secret, _) = await EnrolAsync(Host);
            var next = Api.TotpCode(secret, DateTime.UtcNow.AddSeconds(30));
            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => LoginAsync(account, next)));
            Assert.All(responses, r => Assert.True((int)r.StatusCode < 500));
            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            outcomes.AddRange(responses.Select(r => r.StatusCode));
        }

        Assert.All(outcomes.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
    }

    [Fact]
    public async Task Codes_more_than_one_step_away_are_refused()
    {
        var (account, secret, _) = await EnrolAsync(Host);
        foreach (var offset in new[] { 95, 150, -95, 3600 })
        {
            await (await LoginAsync(account, Api.TotpCode(secret, DateTime.UtcNow.AddSeconds(offset))))
                .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_mfa_code");
        }

        foreach (var garbage in new[] { "000000x", "12345", "1234567", "' OR 1=1--", "１２３４５６", new string('9', 5000) })
        {
            var response = await LoginAsync(account, garbage);
            Assert.True((int)response.StatusCode is 400 or 401, $"{garbage}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Recovery_codes_are_single_use()
    {
        var (account, _, codes) = await EnrolAsync(Host);
        Assert.True(codes.Length >= 5);
        await (await LoginAsync(account, recovery: codes[0])).AssertStatusAsync(HttpStatusCode.OK);
        await (await LoginAsync(account, recovery: codes[0])).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_mfa_code");

        // Parallel use of one code: at most one success.
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => LoginAsync(account, recovery: codes[1])));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500));
    }

    [Fact]
    public async Task Disabling_mfa_needs_a_valid_proof()
    {
        var (account, secret, codes) = await EnrolAsync(Host);
        using var client = Host.CreateClient((await (await LoginAsync(account, Api.TotpCode(secret, DateTime.UtcNow.AddSeconds(30)))).ReadAsync<Tokens>()).AccessToken);
        var wrong = await client.SendAsync(HttpMethod.Delete, "/me/mfa/totp", JsonSerializer.Serialize(new { password = "not-my-password-at-all" }));
        Assert.True(wrong.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{(int)wrong.StatusCode}");
        await (await LoginAsync(account)).AssertProblemAsync(HttpStatusCode.Unauthorized, "mfa_required");

        // The password alone, even the right one, does not turn MFA off (ASVS 5.0 V7.5): the second factor does.
        await (await client.SendAsync(HttpMethod.Delete, "/me/mfa/totp", JsonSerializer.Serialize(new { password = account.Password })))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await LoginAsync(account)).AssertProblemAsync(HttpStatusCode.Unauthorized, "mfa_required");
        await (await client.SendAsync(HttpMethod.Delete, "/me/mfa/totp", JsonSerializer.Serialize(new { recoveryCode = codes[0] }))).AssertStatusAsync(HttpStatusCode.NoContent);
        await (await LoginAsync(account)).AssertStatusAsync(HttpStatusCode.OK);
    }
}
