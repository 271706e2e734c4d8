namespace RbacKit.Mail;

/// <summary>
/// Renders RbacKit's mails. Register your own implementation (before or after <c>AddRbacKit</c>; the last registration wins)
/// to change the wording or localize it, for example by <see cref="System.Globalization.CultureInfo.CurrentUICulture"/> or
/// resource files. HTML bodies must encode every value.
/// </summary>
public interface IEmailTemplates
{
    /// <summary>The subject and bodies of a mail of <paramref name="kind"/>.</summary>
    EmailContent Render(EmailTemplateKind kind, EmailTemplateModel model);
}
