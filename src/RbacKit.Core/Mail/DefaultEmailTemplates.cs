using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace RbacKit.Mail;

/// <summary>English mails in plain text and HTML; every value is HTML-encoded in the HTML body.</summary>
internal sealed class DefaultEmailTemplates(IOptions<MailTemplateOptions> options) : IEmailTemplates
{
    public EmailContent Render(EmailTemplateKind kind, EmailTemplateModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var product = options.Value.ProductName;
        var (subject, lines, action) = kind switch
        {
            EmailTemplateKind.ConfirmEmail => ($"Confirm your email for {product}",
                new[] { $"Please confirm your email address for {product}." }, "Confirm my email"),
            EmailTemplateKind.ResetPassword => ($"Reset your {product} password",
                new[] { $"Someone (hopefully you) asked to reset the password of your {product} account.", "If it was not you, ignore this mail: your password stays as it is." }, "Choose a new password"),
            EmailTemplateKind.PasswordReset => ($"Your {product} password was reset",
                new[] { $"The password of your {product} account was just reset, and every signed-in device was signed out.", "If you did not do this, reset your password again at once and contact support." }, null),
            EmailTemplateKind.ConfirmEmailChange => ($"Confirm your new email for {product}",
                new[] { $"Please confirm that {model.NewEmail} should become the email of your {product} account." }, "Confirm the new email"),
            EmailTemplateKind.EmailChangeRequested => ($"Your {product} email is about to change",
                new[] { $"A change of your {product} account's email to {model.NewEmail} was requested. It takes effect only when the link sent to the new address is followed.", "If you did not ask for this, change your password now." }, null),
            EmailTemplateKind.RegistrationAttempt => ($"Someone tried to register with your email at {product}",
                new[] { $"Someone tried to create a {product} account with this address, which already has one. No new account was created.", model.ResetLink is null ? "If it was you and you forgot your password, use \"Forgot password\" on the sign-in page." : "If it was you and you forgot your password, you can reset it here:" }, null),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var name = string.Join(' ', new[] { model.FirstName, model.MiddleName, model.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
        var link = kind == EmailTemplateKind.RegistrationAttempt ? model.ResetLink : model.Link;
        var expiry = model.ExpiresAt is { } at
            ? string.Create(CultureInfo.InvariantCulture, $"The link works once and expires at {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC.")
            : null;

        var text = new StringBuilder().Append("Hello ").Append(name).Append(",\n\n");
        var html = new StringBuilder().Append("<!DOCTYPE html><html><body style=\"font-family:sans-serif\"><p>Hello ")
            .Append(WebUtility.HtmlEncode(name)).Append(",</p>");
        foreach (var line in lines)
        {
            text.Append(line).Append("\n\n");
            html.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>");
        }

        if (link is not null)
        {
            text.Append(link).Append("\n\n");
            var encoded = WebUtility.HtmlEncode(link);
            html.Append("<p><a href=\"").Append(encoded).Append("\">").Append(WebUtility.HtmlEncode(action ?? link)).Append("</a></p>")
                .Append("<p style=\"font-size:small\">").Append(encoded).Append("</p>");
        }

        if (expiry is not null && kind != EmailTemplateKind.RegistrationAttempt)
        {
            text.Append(expiry).Append("\n\n");
            html.Append("<p>").Append(WebUtility.HtmlEncode(expiry)).Append("</p>");
        }

        text.Append("-- \n").Append(product).Append('\n');
        html.Append("<p>&mdash; ").Append(WebUtility.HtmlEncode(product)).Append("</p></body></html>");
        return new EmailContent(subject, text.ToString(), html.ToString());
    }
}
