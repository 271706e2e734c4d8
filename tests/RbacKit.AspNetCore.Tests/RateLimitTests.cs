using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;

namespace RbacKit.AspNetCore.Tests;

public sealed class RateLimitTests : IAsyncLifetime
{
    private AuthHost _host = null!;

    public async Task InitializeAsync() => _host = await AuthHost.StartAsync(o => o.RateLimits = limits =>
    {
        limits.Login.PermitLimit = 3;
        limits.LoginPerAccount.PermitLimit = 4;
        limits.Register.PermitLimit = 2;
        limits.Refresh.PermitLimit = 2;
        limits.Mfa.PermitLimit = 2;
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Login_is_limited_per_client_address_with_retry_after()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync("198.51.100.1", AuthHost.NewEmail())).StatusCode);
        }

        var limited = await LoginAsync("198.51.100.1", AuthHost.NewEmail());

        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync("198.51.100.2", AuthHost.NewEmail())).StatusCode);
    }

    [Fact]
    public async Task Retry_after_is_the_time_left_in_the_window()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = await AuthHost.StartAsync(o =>
        {
            o.Time = time;
            o.RateLimits = limits =>
            {
                limits.Login.PermitLimit = 2;
                limits.Login.Window = TimeSpan.FromMinutes(1);
                limits.Login.SegmentsPerWindow = 6;
            };
        });
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(host, "198.51.100.77", "/auth/login", WrongLogin())).StatusCode);
        }

        var first = await SendAsync(host, "198.51.100.77", "/auth/login", WrongLogin());
        await first.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.Equal(60, RetryAfter(first));

        time.Advance(TimeSpan.FromSeconds(25.5));
        var later = await SendAsync(host, "198.51.100.77", "/auth/login", WrongLogin());
        await later.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.Equal(35, RetryAfter(later));

        time.Advance(TimeSpan.FromSeconds(34.5));
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(host, "198.51.100.77", "/auth/login", WrongLogin())).StatusCode);
    }

    [Fact]
    public async Task Login_is_limited_per_account_across_addresses()
    {
        var email = AuthHost.NewEmail();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync($"192.0.2.{10 + i}", email)).StatusCode);
        }

        var limited = await LoginAsync("192.0.2.99", email.ToUpperInvariant());
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.True(limited.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Ipv6_clients_are_limited_per_64_network()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync($"2001:db8:1:2::{i + 1}", AuthHost.NewEmail())).StatusCode);
        }

        await (await LoginAsync("2001:db8:1:2:ffff::9", AuthHost.NewEmail())).AssertProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
    }

    [Fact]
    public async Task Register_and_refresh_are_limited()
    {
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("203.0.113.50", "/auth/register", new { email = "x" })).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync("203.0.113.50", "/auth/refresh", new { refreshToken = "x" })).StatusCode);
        }

        await (await SendAsync("203.0.113.50", "/auth/register", new { email = "x" })).AssertProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
        await (await SendAsync("203.0.113.50", "/auth/refresh", new { refreshToken = "x" })).AssertProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
    }

    [Fact]
    public async Task Mfa_endpoints_are_limited_per_user()
    {
        var profile = await _host.RegisterAsync(AuthHost.NewEmail(), AuthHost.Password);
        var tokens = await (await SendAsync("203.0.113.60", "/auth/login", new { email = profile.Email, password = AuthHost.Password })).ReadAsync<RbacKit.Accounts.TokenPair>();
        var client = _host.CreateClient(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/me/mfa/totp/confirm", new { code = "1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/me/mfa/totp/confirm", new { code = "1" })).StatusCode);

        var limited = await client.PostAsJsonAsync("/me/mfa/totp/confirm", new { code = "1" });
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
    }

    [Fact]
    public async Task With_redis_configured_but_unreachable_limits_fall_back_to_this_instance()
    {
        await using var host = await AuthHost.StartAsync(o =>
        {
            o.Redis = "127.0.0.1:1,connectTimeout=500";
            o.RateLimits = limits => limits.Login.PermitLimit = 2;
        });
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(host, "198.51.100.9", "/auth/login", WrongLogin())).StatusCode);
        }

        // Never fail open and never fail the request: counted locally while Redis cannot answer.
        await (await SendAsync(host, "198.51.100.9", "/auth/login", WrongLogin())).AssertProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.False(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<RbacKitRateLimiters>(host.Services).IsShared);
    }

    private Task<HttpResponseMessage> LoginAsync(string ip, string email) =>
        SendAsync(ip, "/auth/login", new { email, password = "wrong-password-123" });

    private static object WrongLogin() => new { email = AuthHost.NewEmail(), password = "wrong-password-123" };

    private static int RetryAfter(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);

    private Task<HttpResponseMessage> SendAsync(string ip, string path, object body) => SendAsync(_host, ip, path, body);

    private static Task<HttpResponseMessage> SendAsync(AuthHost host, string ip, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Test-Client-Ip", ip);
        return host.Client.SendAsync(request);
    }
}
