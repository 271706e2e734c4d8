namespace RbacKit.Mail;

/// <summary>A mail to one recipient, in plain text and HTML. The sender's address is the transport's setting.</summary>
/// <param name="To">The recipient's address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="TextBody">The plain-text body.</param>
/// <param name="HtmlBody">The HTML body (values already encoded).</param>
public sealed record EmailMessage(string To, string Subject, string TextBody, string HtmlBody);
