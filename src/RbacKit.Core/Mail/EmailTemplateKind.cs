namespace RbacKit.Mail;

/// <summary>The mails RbacKit sends.</summary>
public enum EmailTemplateKind
{
    /// <summary>A link that confirms the address of a new account (or a resend).</summary>
    ConfirmEmail,
    /// <summary>A link that sets a new password.</summary>
    ResetPassword,
    /// <summary>A notice that the password was reset.</summary>
    PasswordReset,
    /// <summary>A link, sent to the new address, that makes it the account's email.</summary>
    ConfirmEmailChange,
    /// <summary>A notice, sent to the current address, that a change to another address was requested.</summary>
    EmailChangeRequested,
    /// <summary>A notice to the owner of an address that someone tried to register it again.</summary>
    RegistrationAttempt,
}
