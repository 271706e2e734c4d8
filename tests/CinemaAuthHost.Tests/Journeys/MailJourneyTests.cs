using System.Net;
using System.Net.Http.Json;
using CinemaAuthHost.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Mail;

namespace CinemaAuthHost.Tests;

/// <summary>
/// Account recovery and verification end to end on SQLite: CinemaAuthHost over HTTP, mail delivered through the real SMTP
/// server of ./test.sh, links followed from the delivered messages.
/// </summary>
public sealed class MailJourneyTests : IAsyncLifetime
{
    private readonly SqliteStorage _storage = new();
    private CinemaHost _host = null!;

    private static SmtpServer Smtp => SmtpServer.Shared;

    public async Task InitializeAsync() => _host = await CinemaHost.StartAsync(_storage, Smtp.HostSettings);

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task Register_mails_a_link_that_confirms_the_address_once()
    {
        var account = await _host.RegisterAsync("mail-confirm");
        using var client = _host.CreateClient((await _host.LoginAsync(account)).AccessToken);
        Assert.False((await (await client.GetAsync("/me")).JsonAsync()).GetProperty("emailConfirmed").GetBoolean());

        var token = await Smtp.WaitForTokenAsync(account.Email, "confirm-email");
        var confirm = await _host.CreateClient().PostAsJsonAsync("/auth/confirm-email", new { token });
        await confirm.AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.Equal("no-store", confirm.Headers.CacheControl?.ToString());

        Assert.True((await (await client.GetAsync("/me")).JsonAsync()).GetProperty("emailConfirmed").GetBoolean());
        using var admin = await _host.ClientAsync(Accounts.Superadmin);
        Assert.True((await (await admin.GetAsync($"/users/{account.Id}")).JsonAsync()).GetProperty("emailConfirmed").GetBoolean());
        await (await _host.CreateClient().PostAsJsonAsync("/auth/confirm-email", new { token })).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_token");
    }

    [Fact]
    public async Task Forgot_then_reset_sets_the_password_ends_every_session_and_the_token_works_once()
    {
        var account = await _host.RegisterAsync("mail-reset");
        var before = await _host.LoginAsync(account);
        using var old = _host.CreateClient(before.AccessToken);
        await (await old.GetAsync("/me")).AssertStatusAsync(HttpStatusCode.OK);

        var forgot = await _host.CreateClient().PostAsJsonAsync("/auth/forgot-password", new { email = account.Email });
        await forgot.AssertStatusAsync(HttpStatusCode.Accepted);
        Assert.Equal("no-store", forgot.Headers.CacheControl?.ToString());
        var token = await Smtp.WaitForTokenAsync(account.Email, "reset-password");

        const string newPassword = "copper-meadow-orbit-58-willow";
        await (await _host.CreateClient().PostAsJsonAsync("/auth/reset-password", new { token, newPassword = "short" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "weak_password");
        await (await _host.CreateClient().PostAsJsonAsync("/auth/reset-password", new { token, newPassword })).AssertStatusAsync(HttpStatusCode.NoContent);

        await (await old.GetAsync("/me")).AssertRevokedAsync();
        await (await _host.PostLoginAsync(new { email = account.Email, password = account.Password })).AssertProblemAsync(HttpStatusCode.Unauthorized, "invalid_credentials");
        await _host.LoginAsync(account.Email, newPassword);
        await (await _host.CreateClient().PostAsJsonAsync("/auth/reset-password", new { token, newPassword = "another-river-stone-93-falcon" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_token");
        await Smtp.WaitForTextAsync(account.Email, "was just reset");
    }

    [Fact]
    public async Task A_reset_token_is_not_a_confirmation_token()
    {
        var account = await _host.RegisterAsync("mail-purpose");
        await (await _host.CreateClient().PostAsJsonAsync("/auth/forgot-password", new { email = account.Email })).AssertStatusAsync(HttpStatusCode.Accepted);
        var reset = await Smtp.WaitForTokenAsync(account.Email, "reset-password");
        await (await _host.CreateClient().PostAsJsonAsync("/auth/confirm-email", new { token = reset })).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_token");
        await (await _host.CreateClient().PostAsJsonAsync("/auth/reset-password", new { token = reset, newPassword = "copper-meadow-orbit-58-willow" })).AssertStatusAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Forgot_and_resend_answer_202_for_an_unknown_address_and_queue_no_mail()
    {
        var unknown = Accounts.NewEmail("nobody");
        var forgot = await _host.CreateClient().PostAsJsonAsync("/auth/forgot-password", new { email = unknown });
        var resend = await _host.CreateClient().PostAsJsonAsync("/auth/resend-confirmation", new { email = unknown });
        var account = await _host.RegisterAsync("mail-known");
        var known = await _host.CreateClient().PostAsJsonAsync("/auth/forgot-password", new { email = account.Email });

        foreach (var response in new[] { forgot, resend, known })
        {
            await response.AssertStatusAsync(HttpStatusCode.Accepted);
            Assert.Equal("", await response.Content.ReadAsStringAsync());
        }

        // The requests run after the answers, one at a time in order: once the known address's reset mail is out, the
        // unknown address's requests (queued before it) have run too.
        await Smtp.WaitForAsync(account.Email, 2);
        await using var scope = _host.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<CinemaDbContext>().Set<OutboxMessage>().AnyAsync(m => m.To == unknown));
        Assert.Empty(Smtp.MessagesTo(unknown));
    }

    [Fact]
    public async Task An_email_change_mails_both_addresses_and_takes_effect_on_confirmation()
    {
        var account = await _host.RegisterAsync("mail-change");
        using var client = _host.CreateClient((await _host.LoginAsync(account)).AccessToken);
        using var other = _host.CreateClient((await _host.LoginAsync(account)).AccessToken);
        var newEmail = Accounts.NewEmail("mail-changed");

        await (await client.PostAsJsonAsync("/me/email", new { currentPassword = account.Password, newEmail = Accounts.User }))
            .AssertProblemAsync(HttpStatusCode.Conflict, "email_taken");
        await (await client.PostAsJsonAsync("/me/email", new { currentPassword = account.Password, newEmail })).AssertStatusAsync(HttpStatusCode.Accepted);

        await (await other.GetAsync("/me")).AssertRevokedAsync();
        Assert.Equal(account.Email, (await (await client.GetAsync("/me")).JsonAsync()).GetProperty("email").GetString());
        var token = await Smtp.WaitForTokenAsync(newEmail, "confirm-email");
        await Smtp.WaitForTextAsync(account.Email, newEmail);

        await (await _host.CreateClient().PostAsJsonAsync("/auth/confirm-email", new { token })).AssertStatusAsync(HttpStatusCode.NoContent);
        var profile = await (await client.GetAsync("/me")).JsonAsync();
        Assert.Equal(newEmail, profile.GetProperty("email").GetString());
        Assert.True(profile.GetProperty("emailConfirmed").GetBoolean());
        await _host.LoginAsync(newEmail, account.Password);
    }

    [Fact]
    public async Task Recovery_routes_refuse_malformed_input_with_problems()
    {
        await (await _host.CreateClient().PostAsJsonAsync("/auth/forgot-password", new { email = "not an email" })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await _host.CreateClient().PostAsJsonAsync("/auth/confirm-email", new { token = "x" })).AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_token");
        await (await _host.CreateClient().PostAsJsonAsync("/auth/reset-password", new { token = (string?)null, newPassword = "copper-meadow-orbit-58-willow" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest, "invalid_token");
    }
}
