using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace CinemaAuthHost.Tests;

/// <summary>Recovery on the production shape: two instances on one PostgreSQL database and Redis, the real SMTP server.</summary>
public sealed class PostgresMailTests : PostgresInstancePair
{
    private static SmtpServer Smtp => SmtpServer.Shared;

    protected override (string Key, string Value)[] Settings => Smtp.HostSettings;

    [Fact]
    public async Task Register_confirm_forgot_reset_ends_sessions_on_both_instances_and_each_mail_is_sent_once()
    {
        var account = await A.RegisterAsync("pg-mail");
        await (await B.CreateClient().PostAsJsonAsync("/auth/confirm-email", new { token = await Smtp.WaitForTokenAsync(account.Email, "confirm-email") })).AssertStatusAsync(HttpStatusCode.NoContent);
        using var onA = A.CreateClient((await A.LoginAsync(account)).AccessToken);
        using var onB = B.CreateClient((await B.LoginAsync(account)).AccessToken);
        Assert.True((await (await onB.GetAsync("/me")).JsonAsync()).GetProperty("emailConfirmed").GetBoolean());

        await (await B.CreateClient().PostAsJsonAsync("/auth/forgot-password", new { email = account.Email })).AssertStatusAsync(HttpStatusCode.Accepted);
        var token = await Smtp.WaitForTokenAsync(account.Email, "reset-password");
        const string newPassword = "copper-meadow-orbit-58-willow";
        await (await A.CreateClient().PostAsJsonAsync("/auth/reset-password", new { token, newPassword })).AssertStatusAsync(HttpStatusCode.NoContent);

        await (await onA.GetAsync("/me")).AssertRevokedAsync();
        await Http.EventuallyAsync(async () => (await onB.GetAsync("/me")).StatusCode == HttpStatusCode.Unauthorized, Propagation, "the reset on A reaches B");
        await (await onB.GetAsync("/me")).AssertRevokedAsync();
        await B.LoginAsync(account.Email, newPassword);

        // Confirmation, reset link, reset notice: each delivered once although both instances drain the outbox.
        await Smtp.WaitForAsync(account.Email, 3);
        await Http.EventuallyAsync(async () =>
        {
            await using var scope = A.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RbacKit.Mail.IMailOutboxStore>().CountAsync(default) == 0;
        }, TimeSpan.FromSeconds(30), "the outbox is drained");
        Assert.Equal(3, Smtp.MessagesTo(account.Email).Count);
    }
}
