
namespace RbacKit.Keys;

/// <summary>The outcome of <see cref="IKeyRing.WithdrawAsync"/>.</summary>
public enum KeyWithdrawalResult
{
    /// <summary>The key is withdrawn: no longer published nor accepted on any instance.</summary>
    Withdrawn = 1,

    /// <summary>No stored key, live or not yet expired, has that <c>kid</c>.</summary>
    NotFound = 2,

    /// <summary>Refused: it is the only key that can sign. Rotate first (a new key that signs at once), then withdraw it.</summary>
    OnlySigningKey = 3,
}
