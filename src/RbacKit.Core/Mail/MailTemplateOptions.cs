namespace RbacKit.Mail;

/// <summary>Settings of the default mail templates.</summary>
public sealed class MailTemplateOptions
{
    /// <summary>The product name the mails speak of. Default <c>RbacKit</c>.</summary>
    public string ProductName { get; set; } = "RbacKit";
}
