namespace RbacKit;

/// <summary>Registration, address confirmation and recovery (<c>RbacKit:Accounts</c>).</summary>
public sealed class AccountOptions
{
    /// <summary>
    /// Refuse a correct password for an unconfirmed address with <see cref="RbacErrorCodes.EmailNotConfirmed"/> (HTTP 401).
    /// Default false in the library; CinemaAuthHost turns it on outside Development unless configured.
    /// </summary>
    public bool RequireConfirmedEmail { get; set; }

    /// <summary>
    /// Answer every accepted registration the same way (HTTP 202, no body) and mail the owner of a taken address instead of
    /// answering <see cref="RbacErrorCodes.EmailTaken"/>, so registration cannot tell which addresses have accounts.
    /// Default false.
    /// </summary>
    public bool ConcealRegisteredEmails { get; set; }

    /// <summary>
    /// The public base URL of the pages the mail links open (absolute http or https). Empty: <see cref="RbacKitOptions.Issuer"/>.
    /// </summary>
    public string PublicUrl { get; set; } = "";

    /// <summary>The path of the password reset page under <see cref="PublicUrl"/>. Default <c>/reset-password</c>.</summary>
    public string ResetPasswordPath { get; set; } = "/reset-password";

    /// <summary>The path of the address confirmation page under <see cref="PublicUrl"/>. Default <c>/confirm-email</c>.</summary>
    public string ConfirmEmailPath { get; set; } = "/confirm-email";
}
