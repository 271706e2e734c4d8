using System.Net;
using System.Net.Http.Json;
using CinemaAuthHost.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Mail;

namespace CinemaAuthHost.Tests;

/// <summary>An SMTP outage delays mail and loses none. Uses an SMTP server of its own, so the shared one is never stopped.</summary>
public sealed class SmtpOutageTests
{
    [Fact]
    public async Task A_reset_requested_while_SMTP_is_down_arrives_once_it_is_back()
    {
        await using var smtp = await SmtpServer.StartOwnAsync();
        await using var storage = new SqliteStorage();
        await using var host = await CinemaHost.StartAsync(storage, smtp.HostSettings);
        var account = await host.RegisterAsync("outage");
        await smtp.WaitForAsync(account.Email);

        await smtp.StopAsync();
        await (await host.CreateClient().PostAsJsonAsync("/auth/forgot-password", new { email = account.Email })).AssertStatusAsync(HttpStatusCode.Accepted);
        await Http.EventuallyAsync(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<CinemaDbContext>().Set<OutboxMessage>().AnyAsync(m => m.To == account.Email && m.Attempts >= 1 && m.LastError != null);
        }, TimeSpan.FromSeconds(30), "a delivery attempt failed while SMTP was down and the mail stayed queued");

        await smtp.StartAsync();
        var token = await smtp.WaitForTokenAsync(account.Email, "reset-password");
        await (await host.CreateClient().PostAsJsonAsync("/auth/reset-password", new { token, newPassword = "copper-meadow-orbit-58-willow" })).AssertStatusAsync(HttpStatusCode.NoContent);
    }
}
