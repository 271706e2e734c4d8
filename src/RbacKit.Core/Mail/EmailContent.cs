namespace RbacKit.Mail;

/// <summary>A rendered mail.</summary>
/// <param name="Subject">The subject line.</param>
/// <param name="TextBody">The plain-text body.</param>
/// <param name="HtmlBody">The HTML body.</param>
public sealed record EmailContent(string Subject, string TextBody, string HtmlBody);
