using System.Net;

namespace CinemaAuthHost.Tests;

/// <summary>
/// Rate limits with Redis configured (issue 16): both instances of a pair count in Redis, so together they allow the
/// budget once, not once each; the per-role limits of authenticated traffic (<c>RateLimits:Roles:{role}</c>) too.
/// </summary>
public sealed class PostgresSharedRateLimitTests : PostgresInstancePair
{
    protected override (string Key, string Value)[] Settings =>
    [
        ("RateLimits:Enabled", "true"),
        ("RateLimits:Login:PermitLimit", "4"),
        ("RateLimits:Login:Window", "00:10:00"),
        ("RateLimits:Roles:user:PermitLimit", "4"),
        ("RateLimits:Roles:user:Window", "00:10:00"),
        // A loaded machine may take Redis past the default 1 s budget, and the instance would then count on its own (the
        // fallback, tested elsewhere): here every count must be the shared one.
        ("RateLimits:RedisTimeout", "00:00:30"),
    ];

    [Fact]
    public async Task Two_instances_share_one_login_budget()
    {
        var wrong = new { email = Accounts.NewEmail("shared-limit"), password = "not-the-password-at-all-42" };
        foreach (var host in new[] { A, B, A, B })
        {
            await (await host.PostLoginAsync(wrong)).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        foreach (var host in new[] { A, B })
        {
            var refused = await host.PostLoginAsync(wrong);
            await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
            Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 600 }, $"Retry-After {refused.Headers.RetryAfter}");
        }
    }

    [Fact]
    public async Task Two_instances_share_one_role_budget_per_user()
    {
        var account = await A.RegisterAsync("shared-role-limit");
        var token = (await A.LoginAsync(account)).AccessToken;
        using var onA = A.CreateClient(token);
        using var onB = B.CreateClient(token);
        foreach (var client in new[] { onA, onB, onA, onB })
        {
            await (await client.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);
        }

        foreach (var client in new[] { onA, onB })
        {
            var refused = await client.GetAsync("/me");
            await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
            Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 600 }, $"Retry-After {refused.Headers.RetryAfter}");
        }
    }
}
