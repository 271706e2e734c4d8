using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;

namespace RbacKit.AspNetCore.Tests;

public sealed class AccountLockoutRetryAfterTests
{
    [Fact]
    public async Task Account_locked_carries_the_rest_of_the_lockout_as_retry_after()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = await AuthHost.StartAsync(o =>
        {
            o.Time = time;
            o.Rbac = rbac =>
            {
                rbac.Lockout.MaxFailedAttempts = 2;
                rbac.Lockout.Duration = TimeSpan.FromMinutes(10);
            };
        });
        var user = await host.CreateUserAsync();
        var client = host.CreateClient(user.AccessToken);
        Assert.Equal(HttpStatusCode.BadRequest, (await ChangePasswordAsync(client, "wrong-password-123")).StatusCode);

        var locked = await ChangePasswordAsync(client, "wrong-password-123");
        await locked.AssertProblemAsync(HttpStatusCode.TooManyRequests, "account_locked");
        Assert.Equal(600, RetryAfter(locked));

        time.Advance(TimeSpan.FromSeconds(239.5));
        var later = await ChangePasswordAsync(client, AuthHost.Password);
        await later.AssertProblemAsync(HttpStatusCode.TooManyRequests, "account_locked");
        Assert.Equal(361, RetryAfter(later));
    }

    private static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current) =>
        client.PostAsJsonAsync("/me/password", new { currentPassword = current, newPassword = "another-Long-passphrase-77" });

    private static int RetryAfter(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture);
}
