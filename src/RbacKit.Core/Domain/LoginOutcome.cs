namespace RbacKit.Domain;

/// <summary>How a login attempt ended.</summary>
public enum LoginOutcome
{
    /// <summary>Signed in.</summary>
    Success = 0,
    /// <summary>No user has that email.</summary>
    UnknownUser = 1,
    /// <summary>Wrong password.</summary>
    InvalidPassword = 2,
    /// <summary>The account is locked after repeated failures.</summary>
    LockedOut = 3,
    /// <summary>The account is deactivated.</summary>
    Deactivated = 4,
    /// <summary>Password right, second factor missing.</summary>
    MfaRequired = 5,
    /// <summary>Password right, second factor wrong.</summary>
    MfaFailed = 6,
    /// <summary>Password right, but the address is unconfirmed and <see cref="AccountOptions.RequireConfirmedEmail"/> is on.</summary>
    EmailNotConfirmed = 7,
}
