using System.Globalization;
using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace RbacKit.AspNetCore.Tests;

/// <summary>
/// <see cref="RbacKitRateLimitOptions.Roles"/>: authorized requests are counted per user under the most generous limit
/// among the user's roles; over it, 429 with <c>Retry-After</c>. Fake time, so windows never roll over by themselves.
/// </summary>
public sealed class RoleRateLimitTests
{
    [Fact]
    public async Task Authenticated_requests_are_limited_per_user_by_the_most_generous_of_their_roles()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await AuthHost.StartAsync(o =>
        {
            o.Time = time;
            o.RateLimits = limits =>
            {
                limits.Roles["user"] = new RbacKitRateLimit { PermitLimit = 3, Window = TimeSpan.FromHours(1) };
                limits.Roles["Moderator"] = new RbacKitRateLimit { PermitLimit = 5, Window = TimeSpan.FromHours(1) };
            };
        });
        var plain = await host.CreateUserAsync();
        var other = await host.CreateUserAsync();
        var moderator = await host.CreateUserAsync("moderator");

        await AssertBudgetAsync(host, plain.AccessToken, 3);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient(other.AccessToken).GetAsync("/minimal/read")).StatusCode);
        await AssertBudgetAsync(host, moderator.AccessToken, 5);

        // Anonymous routes are not counted: the limited user can still log in.
        await host.LoginAsync(plain.Email);

        // A new window (and a new token: the first one expired meanwhile).
        time.Advance(TimeSpan.FromHours(1));
        var fresh = await host.LoginAsync(plain.Email);
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient(fresh.AccessToken).GetAsync("/minimal/read")).StatusCode);
    }

    [Fact]
    public async Task A_user_whose_roles_have_no_limit_and_a_host_with_limits_off_are_not_limited()
    {
        await using var host = await AuthHost.StartAsync(o => o.RateLimits = limits =>
            limits.Roles["series-reader"] = new RbacKitRateLimit { PermitLimit = 1, Window = TimeSpan.FromHours(1) });
        var user = await host.CreateUserAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.CreateClient(user.AccessToken).GetAsync("/minimal/read")).StatusCode);
        }

        await using var off = await AuthHost.StartAsync(o => o.RateLimits = limits =>
        {
            limits.Enabled = false;
            limits.Roles["user"] = new RbacKitRateLimit { PermitLimit = 1, Window = TimeSpan.FromHours(1) };
        });
        var free = await off.CreateUserAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await off.CreateClient(free.AccessToken).GetAsync("/minimal/read")).StatusCode);
        }
    }

    private static async Task AssertBudgetAsync(AuthHost host, string accessToken, int permits)
    {
        using var client = host.CreateClient(accessToken);
        for (var i = 0; i < permits; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/minimal/read")).StatusCode);
        }

        var limited = await client.GetAsync("/minimal/read");
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture), 1, 3600);
    }
}
