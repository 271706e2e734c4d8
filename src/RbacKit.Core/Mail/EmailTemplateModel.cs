namespace RbacKit.Mail;

/// <summary>What a mail template may show.</summary>
/// <param name="FirstName">The user's first name.</param>
/// <param name="LastName">The user's last name.</param>
/// <param name="MiddleName">The user's middle name, if any.</param>
/// <param name="Link">The link to follow, for the kinds that have one.</param>
/// <param name="ExpiresAt">When the link stops working.</param>
/// <param name="NewEmail">The requested new address, for an email change.</param>
/// <param name="ResetLink">Where to start a password reset (<see cref="EmailTemplateKind.RegistrationAttempt"/>), if known.</param>
public sealed record EmailTemplateModel(
    string FirstName,
    string LastName,
    string? MiddleName,
    string? Link = null,
    DateTimeOffset? ExpiresAt = null,
    string? NewEmail = null,
    string? ResetLink = null);
