namespace RbacKit.AspNetCore;

/// <summary>The rate limits of RbacKit's endpoints, for a host's own server-rendered pages that call the same services.</summary>
public enum RbacKitThrottle
{
    /// <summary>Sign-in attempts per client address (<c>POST /auth/login</c>).</summary>
    Login,

    /// <summary>Sign-in attempts per account; the subject is the email.</summary>
    LoginPerAccount,

    /// <summary>Registrations per client address.</summary>
    Register,

    /// <summary>MFA enrolment, confirmation and disabling per user; the subject is the user id.</summary>
    Mfa,

    /// <summary>Password proofs (password and email change, deactivation) per user; the subject is the user id.</summary>
    AccountProof,

    /// <summary>Recovery requests (confirm, resend, forgot, reset) per client address.</summary>
    Recovery,

    /// <summary>Recovery mails per address; the subject is the email.</summary>
    RecoveryPerEmail,
}
