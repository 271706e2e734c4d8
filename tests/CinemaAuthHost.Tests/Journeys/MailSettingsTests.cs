using System.Net;
using System.Net.Http.Json;

namespace CinemaAuthHost.Tests;

/// <summary>The account settings of the recovery flows, each on a host of its own (SQLite, the SMTP server of ./test.sh).</summary>
public sealed class MailSettingsTests
{
    private static SmtpServer Smtp => SmtpServer.Shared;

    private static async Task<T> WithHostAsync<T>(Func<CinemaHost, Task<T>> test, params (string Key, string Value)[] settings)
    {
        await using var storage = new SqliteStorage();
        await using var host = await CinemaHost.StartAsync(storage, [.. Smtp.HostSettings, .. settings]);
        return await test(host);
    }

    [Fact]
    public Task RequireConfirmedEmail_refuses_a_correct_password_until_the_address_is_confirmed() => WithHostAsync(async host =>
    {
        var account = await host.RegisterAsync("mail-require");
        await (await host.PostLoginAsync(new { email = account.Email, password = account.Password })).AssertProblemAsync(HttpStatusCode.Unauthorized, "email_not_confirmed");
        await (await host.PostLoginAsync(new { email = account.Email, password = "wrong-password-entirely-11" })).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");

        await (await host.CreateClient().PostAsJsonAsync("/auth/resend-confirmation", new { email = account.Email })).AssertStatusAsync(HttpStatusCode.Accepted);
        var token = await Smtp.WaitForTokenAsync(account.Email, "confirm-email", count: 2);
        await (await host.CreateClient().PostAsJsonAsync("/auth/confirm-email", new { token })).AssertStatusAsync(HttpStatusCode.NoContent);
        await host.LoginAsync(account);
        await host.LoginAsync(Accounts.User); // seeded by the operator: confirmed
        return true;
    }, ("RbacKit:Accounts:RequireConfirmedEmail", "true"));

    [Fact]
    public Task ConcealRegisteredEmails_answers_202_for_new_and_taken_addresses_and_mails_the_owner() => WithHostAsync(async host =>
    {
        var email = Accounts.NewEmail("mail-conceal");
        var body = new { email, password = Accounts.StrongPassword, passwordConfirm = Accounts.StrongPassword, firstName = "Ada", lastName = "Owner" };
        var first = await host.CreateClient().PostAsJsonAsync("/auth/register", body);
        var second = await host.CreateClient().PostAsJsonAsync("/auth/register", body with { firstName = "Eve" });

        await first.AssertStatusAsync(HttpStatusCode.Accepted);
        await second.AssertStatusAsync(HttpStatusCode.Accepted);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        var mails = await Smtp.WaitForAsync(email, 2);
        Assert.Contains(mails, m => m.Subject!.Contains("tried to register", StringComparison.Ordinal) && m.TextBody!.Contains("Ada Owner", StringComparison.Ordinal));
        return true;
    }, ("RbacKit:Accounts:ConcealRegisteredEmails", "true"));

    [Fact]
    public Task Forgot_password_is_throttled_per_target_email() => WithHostAsync(async host =>
    {
        var email = Accounts.NewEmail("mail-throttle");
        for (var i = 0; i < 2; i++)
        {
            await (await host.CreateClient().PostAsJsonAsync("/auth/forgot-password", new { email })).AssertStatusAsync(HttpStatusCode.Accepted);
        }

        var throttled = await host.CreateClient().PostAsJsonAsync("/auth/resend-confirmation", new { email });
        await throttled.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.NotNull(throttled.Headers.RetryAfter);
        await (await host.CreateClient().PostAsJsonAsync("/auth/forgot-password", new { email = Accounts.NewEmail("mail-throttle-other") })).AssertStatusAsync(HttpStatusCode.Accepted);
        return true;
    }, ("RateLimits:Enabled", "true"), ("RateLimits:RecoveryPerEmail:PermitLimit", "2"), ("RateLimits:RecoveryPerEmail:Window", "01:00:00"),
       ("RateLimits:Recovery:PermitLimit", "1000"), ("RateLimits:Register:PermitLimit", "1000"));
}
