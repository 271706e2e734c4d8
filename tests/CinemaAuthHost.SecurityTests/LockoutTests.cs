using System.Net;
using System.Net.Http.Json;

namespace CinemaAuthHost.SecurityTests;

public sealed class LockoutFixture : SecurityHostFixture
{
    protected override string Name => "lockout";
}

/// <summary>
/// Account lockout (default: 5 failures) is counted per account across client addresses. The host trusts no
/// X-Forwarded-For by default: the client address is the TCP peer, so these tests vary the real source address
/// (127.0.0.2, 127.0.0.3, ...) instead of a header.
/// </summary>
public sealed class LockoutTests(LockoutFixture fixture) : IClassFixture<LockoutFixture>
{
    private SecurityHost Host => fixture.Host;

    private static object Wrong(Account account) => new { email = account.Email, password = "wrong-wrong-wrong-wrong" };

    [Fact]
    public async Task Failures_from_five_addresses_lock_the_account_for_a_sixth_and_the_answer_reveals_nothing()
    {
        var account = await Host.RegisterAsync("lock-spread");
        for (byte octet = 2; octet <= 6; octet++)
        {
            using var client = Host.CreateClientFrom(octet);
            var response = await client.PostAsJsonAsync("/auth/login", Wrong(account));
            await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        var addresses = (await Host.CountAsync($"SELECT count(DISTINCT \"IpAddress\") FROM rbac_login_events WHERE \"UserId\" = '{account.Id}'"));
        Assert.Equal(5, addresses);

        using var fresh = Host.CreateClientFrom(7);
        var locked = await fresh.PostAsJsonAsync("/auth/login", new { email = account.Email, password = account.Password });
        var lockedBody = await locked.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        var unknown = await fresh.PostAsJsonAsync("/auth/login", new { email = Api.NewEmail("ghost"), password = account.Password });
        var unknownBody = await unknown.AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        Assert.Equal(Api.Comparable(unknownBody), Api.Comparable(lockedBody));
    }

    [Fact]
    public async Task X_forwarded_for_is_not_trusted_by_default()
    {
        var account = await Host.RegisterAsync("lock-xff");
        using var client = Host.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login") { Content = JsonContent.Create(Wrong(account)) };
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"203.0.113.{i + 1}");
            request.Headers.TryAddWithoutValidation("Forwarded", $"for=198.51.100.{i + 1}");
            (await client.SendAsync(request)).Dispose();
        }

        var recorded = Convert.ToString(await Host.ScalarAsync(
            $"SELECT string_agg(DISTINCT \"IpAddress\", ',') FROM rbac_login_events WHERE \"UserId\" = '{account.Id}'"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("127.0.0.1", recorded);
    }

    [Fact]
    public async Task A_success_resets_the_counter()
    {
        var account = await Host.RegisterAsync("lock-reset");
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                await (await Host.PostLoginAsync(Wrong(account))).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
            }

            await Host.LoginAsync(account); // 4 failures, then a success: never locked
        }

        for (var i = 0; i < 5; i++)
        {
            await (await Host.PostLoginAsync(Wrong(account))).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        await (await Host.PostLoginAsync(new { email = account.Email, password = account.Password }))
            .AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
    }
}
