namespace RbacKit;

/// <summary>Password hashing and policy.</summary>
public sealed class PasswordOptions
{
    /// <summary>BCrypt work factor (log2 of rounds). Default 12; production needs at least 11. Hashes of another cost are upgraded at login.</summary>
    public int WorkFactor { get; set; } = 12;

    /// <summary>Allows work factors below 11 (tests only). Default false.</summary>
    public bool AllowWeakWorkFactor { get; set; }

    /// <summary>Fewest Unicode code points after NFKC normalization. Default 12, at least 8.</summary>
    public int MinLength { get; set; } = 12;

    /// <summary>Most Unicode code points after NFKC normalization. Default 128.</summary>
    public int MaxLength { get; set; } = 128;

    /// <summary>Least zxcvbn score (0-4) accepted; common and guessable passwords score low. Default 3; 0 turns the check off.</summary>
    public int MinimumStrengthScore { get; set; } = 3;
}
