namespace RbacKit.Passwords;

/// <summary>The outcome of a password verification.</summary>
public enum PasswordVerification
{
    /// <summary>Wrong password (or unreadable hash).</summary>
    Failed,
    /// <summary>Right password.</summary>
    Success,
    /// <summary>Right password, but the hash uses another work factor and should be replaced.</summary>
    SuccessRehashNeeded,
}
