namespace RbacKit;

/// <summary>Account lockout after repeated failed logins, counted per account across all client addresses.</summary>
public sealed class LockoutOptions
{
    /// <summary>Failures (password or second factor) that lock the account. Default 5.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a lockout lasts. Default 15 minutes.</summary>
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
