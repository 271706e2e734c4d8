namespace RbacKit.Mail;

/// <summary>
/// Renders RbacKit's mails (the default: English, <see cref="MailTemplateOptions.ProductName"/>). To change the wording or
/// localize it, register your own implementation (before or after <c>AddRbacKit</c>: yours wins). Mails are
/// rendered on the request that causes them, so <see cref="System.Globalization.CultureInfo.CurrentUICulture"/> is that
/// request's culture (set it with <c>UseRequestLocalization</c>); RbacKit's English templates stay available as the keyed
/// service <see cref="MailTemplateOptions.DefaultTemplatesKey"/> for the cultures you do not translate. HTML bodies must
/// encode every value.
/// </summary>
public interface IEmailTemplates
{
    /// <summary>The subject and bodies of a mail of <paramref name="kind"/>.</summary>
    EmailContent Render(EmailTemplateKind kind, EmailTemplateModel model);
}
