using System.Net;

namespace CinemaAuthHost.Tests;

/// <summary>
/// Rate limits with Redis configured (issue 16): both instances of a pair count in Redis, so together they allow the
/// budget once, not once each.
/// </summary>
public sealed class PostgresSharedRateLimitTests : PostgresInstancePair
{
    protected override (string Key, string Value)[] Settings =>
    [
        ("RateLimits:Enabled", "true"),
        ("RateLimits:Login:PermitLimit", "4"),
        ("RateLimits:Login:Window", "00:10:00"),
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
}
