using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RbacKit.Accounts.Recovery;
using RbacKit.Mail;
using RbacKit.Secrets;

namespace RbacKit.Core.Tests;

/// <summary>Recovery mails: a host's own templates localize them by the request's culture; an unknown address leaves no trace.</summary>
public sealed class RecoveryMailTests
{
    private static Task<RbacResult> ForgotAsync(TestHost host, string email) =>
        host.InScopeAsync<IAccountRecoveryService, RbacResult>(r => r.ForgotPasswordAsync(email, default));

    private static MailContent LastMail(TestHost host, string to) =>
        MailContent.Unprotect(host.Get<ISecretProtector>(), host.Store.Outbox.Last(m => m.To == to).ProtectedContent);

    private static async Task InCultureAsync(string culture, Func<Task> action)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            await action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public async Task Registered_templates_render_the_mail_in_the_requests_culture_and_fall_back_to_the_english_ones()
    {
        await using var host = await TestHost.CreateAsync(services: s => s.AddSingleton<IEmailTemplates, GermanTemplates>());
        await host.RegisterAsync("ada@example.com");

        host.Time.Advance(TimeSpan.FromSeconds(1)); // the outbox lists by id, which sorts by time
        await InCultureAsync("de-DE", () => ForgotAsync(host, "ada@example.com"));
        var german = LastMail(host, "ada@example.com");
        Assert.Equal("Passwort zurücksetzen", german.Subject);
        Assert.StartsWith("Hallo Ada Lovelace,", german.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://auth.test/reset-password?token=", german.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ada &amp; Co", german.HtmlBody, StringComparison.Ordinal);

        host.Time.Advance(TimeSpan.FromSeconds(1));
        await InCultureAsync("en-GB", () => ForgotAsync(host, "ada@example.com"));
        var english = LastMail(host, "ada@example.com");
        Assert.Equal("Reset your RbacKit password", english.Subject);
        Assert.Contains("https://auth.test/reset-password?token=", english.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forgot_password_for_an_unknown_address_queues_nothing()
    {
        await using var host = await TestHost.CreateAsync();
        await host.RegisterAsync("ada@example.com");
        var queued = host.Store.Outbox.Count;

        await ForgotAsync(host, "nobody@example.com");
        Assert.Equal(queued, host.Store.Outbox.Count);

        await ForgotAsync(host, "ada@example.com");
        Assert.Equal(queued + 1, host.Store.Outbox.Count);
        Assert.Contains(host.Store.Outbox, m => m.To == "ada@example.com");
    }

    /// <summary>The README's example: German for German-speaking requests, RbacKit's English otherwise.</summary>
    private sealed class GermanTemplates([FromKeyedServices(MailTemplateOptions.DefaultTemplatesKey)] IEmailTemplates english) : IEmailTemplates
    {
        public EmailContent Render(EmailTemplateKind kind, EmailTemplateModel model)
        {
            if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName != "de" || kind != EmailTemplateKind.ResetPassword)
            {
                return english.Render(kind, model);
            }

            var name = $"{model.FirstName} {model.LastName}";
            return new EmailContent(
                "Passwort zurücksetzen",
                $"Hallo {name},\n\nneues Passwort wählen: {model.Link}\n\nAda & Co\n",
                $"<p>Hallo {WebUtility.HtmlEncode(name)},</p><p><a href=\"{WebUtility.HtmlEncode(model.Link)}\">Neues Passwort wählen</a></p><p>{WebUtility.HtmlEncode("Ada & Co")}</p>");
        }
    }
}
