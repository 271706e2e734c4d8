using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace CinemaAuthHost.Tests;

/// <summary>Recovery on the production shape: two instances on one PostgreSQL database and Redis, the real SMTP server.</summary>
public sealed class PostgresMailTests : IAsyncLifetime
{
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(5);
    private readonly PostgresStorage _storage = new();
    private CinemaHost _a = null!;
    private CinemaHost _b = null!;

    private static SmtpServer Smtp => SmtpServer.Shared;

    public async Task InitializeAsync()
    {
        _a = await CinemaHost.StartAsync(_storage, Smtp.HostSettings);
        _b = await CinemaHost.StartAsync(_storage, Smtp.HostSettings);
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task Register_confirm_forgot_reset_ends_sessions_on_both_instances_and_each_mail_is_sent_once()
    {
        var account = await _a.RegisterAsync("pg-mail");
        await (await _b.CreateClient().PostAsJsonAsync("/auth/confirm-email", new { token = await Smtp.WaitForTokenAsync(account.Email) })).AssertStatusAsync(HttpStatusCode.NoContent);
        using var onA = _a.CreateClient((await _a.LoginAsync(account)).AccessToken);
        using var onB = _b.CreateClient((await _b.LoginAsync(account)).AccessToken);
        Assert.True((await (await onB.GetAsync("/me")).JsonAsync()).GetProperty("emailConfirmed").GetBoolean());

        await (await _b.CreateClient().PostAsJsonAsync("/auth/forgot-password", new { email = account.Email })).AssertStatusAsync(HttpStatusCode.Accepted);
        var token = await Smtp.WaitForTokenAsync(account.Email, count: 2);
        const string newPassword = "copper-meadow-orbit-58-willow";
        await (await _a.CreateClient().PostAsJsonAsync("/auth/reset-password", new { token, newPassword })).AssertStatusAsync(HttpStatusCode.NoContent);

        await (await onA.GetAsync("/me")).AssertRevokedAsync();
        await Http.EventuallyAsync(async () => (await onB.GetAsync("/me")).StatusCode == HttpStatusCode.Unauthorized, Propagation, "the reset on A reaches B");
        await (await onB.GetAsync("/me")).AssertRevokedAsync();
        await _b.LoginAsync(account.Email, newPassword);

        // Confirmation, reset link, reset notice: each delivered once although both instances drain the outbox.
        await Smtp.WaitForAsync(account.Email, 3);
        await Http.EventuallyAsync(async () =>
        {
            await using var scope = _a.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<RbacKit.Mail.IMailOutboxStore>().CountAsync(default) == 0;
        }, TimeSpan.FromSeconds(30), "the outbox is drained");
        Assert.Equal(3, Smtp.MessagesTo(account.Email).Count);
    }
}
