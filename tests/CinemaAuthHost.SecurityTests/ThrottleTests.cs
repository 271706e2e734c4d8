using System.Net;
using System.Net.Http.Json;

namespace CinemaAuthHost.SecurityTests;

public sealed class ThrottleFixture : SecurityHostFixture
{
    protected override string Name => "throttle";

    protected override (string Key, string Value)[] Settings =>
    [
        ("RateLimits:Mfa:PermitLimit", "3"),
        ("RateLimits:LoginPerAccount:PermitLimit", "5"),
        ("RateLimits:Login:PermitLimit", "6"),
    ];
}

/// <summary>MFA and login attempts are throttled (429 <c>too_many_requests</c> with Retry-After), and a header does not evade it.</summary>
public sealed class ThrottleTests(ThrottleFixture fixture) : IClassFixture<ThrottleFixture>
{
    private SecurityHost Host => fixture.Host;

    private static async Task AssertThrottledAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.Equal("https://tools.ietf.org/html/rfc6585#section-4", problem.GetProperty("type").GetString());
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Mfa_confirmation_attempts_are_throttled_per_user()
    {
        using var source = Host.CreateClientFrom(30);
        var email = Api.NewEmail("mfa-throttle");
        await (await source.PostAsJsonAsync("/auth/register", Api.RegisterBody(email))).AssertStatusAsync(HttpStatusCode.Created);
        var tokens = await (await source.PostAsJsonAsync("/auth/login", new { email, password = Api.StrongPassword })).ReadAsync<Tokens>();
        using var client = Host.CreateClient(tokens.AccessToken);
        await (await client.PostAsync("/me/mfa/totp/setup", null)).AssertStatusAsync(HttpStatusCode.OK);
        for (var i = 0; i < 2; i++)
        {
            await (await client.PostAsJsonAsync("/me/mfa/totp/confirm", new { code = "000000" })).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_mfa_code");
        }

        await AssertThrottledAsync(await client.PostAsJsonAsync("/me/mfa/totp/confirm", new { code = "000000" }));
    }

    [Fact]
    public async Task Second_factor_attempts_at_login_are_throttled_per_account()
    {
        var (account, secret, _) = await MfaTests.EnrolAsync(Host); // one login of this account already
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var client = Host.CreateClientFrom((byte)(40 + i)); // a new address every time: the per-account limit still holds
            var response = await client.PostAsJsonAsync("/auth/login", new { email = account.Email, password = account.Password, twoFactorCode = "000000" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await AssertThrottledAsync(response);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.Unauthorized), 1, 5);

        // Throttled even with the right code now.
        using var last = Host.CreateClientFrom(60);
        await AssertThrottledAsync(await last.PostAsJsonAsync("/auth/login",
            new { email = account.Email, password = account.Password, twoFactorCode = Api.TotpCode(secret, DateTime.UtcNow.AddSeconds(30)) }));
    }

    [Fact]
    public async Task Forwarded_headers_do_not_evade_the_per_address_login_limit()
    {
        using var client = Host.CreateClientFrom(70);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login")
            {
                Content = JsonContent.Create(new { email = Api.NewEmail("spray"), password = Api.StrongPassword }),
            };
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"203.0.113.{i + 1}");
            request.Headers.TryAddWithoutValidation("X-Real-IP", $"198.51.100.{i + 1}");
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(2, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
    }
}
