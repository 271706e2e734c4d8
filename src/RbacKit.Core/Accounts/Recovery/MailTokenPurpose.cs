namespace RbacKit.Accounts.Recovery;

/// <summary>What a mail token may be used for; a token of one purpose is refused for every other.</summary>
public enum MailTokenPurpose
{
    /// <summary>Confirms the account's address (24 hours).</summary>
    ConfirmEmail = 1,

    /// <summary>Sets a new password (30 minutes).</summary>
    ResetPassword = 2,

    /// <summary>Makes a pending new address the account's email (24 hours).</summary>
    ChangeEmail = 3,
}
