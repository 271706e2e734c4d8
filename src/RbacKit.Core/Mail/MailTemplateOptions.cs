namespace RbacKit.Mail;

/// <summary>Settings of the default mail templates.</summary>
public sealed class MailTemplateOptions
{
    /// <summary>
    /// The service key of RbacKit's English templates, registered as a keyed <see cref="IEmailTemplates"/> even when you
    /// replace the unkeyed one, so your templates can fall back to them:
    /// <c>[FromKeyedServices(MailTemplateOptions.DefaultTemplatesKey)] IEmailTemplates english</c>.
    /// </summary>
    public const string DefaultTemplatesKey = "RbacKit.DefaultEmailTemplates";

    /// <summary>The product name the mails speak of. Default <c>RbacKit</c>.</summary>
    public string ProductName { get; set; } = "RbacKit";
}
