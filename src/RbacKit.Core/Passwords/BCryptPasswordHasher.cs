using Microsoft.Extensions.Options;
using BCryptNet = BCrypt.Net.BCrypt;
using HashType = BCrypt.Net.HashType;

namespace RbacKit.Passwords;

/// <summary>
/// BCrypt of a SHA-384 pre-hash (BCrypt.Net's enhanced mode), so passwords longer than BCrypt's 72-byte limit are not
/// truncated. Input is NFKC-normalized first.
/// </summary>
internal sealed class BCryptPasswordHasher(IOptions<RbacKitOptions> options) : IPasswordHasher
{
    private readonly int _workFactor = options.Value.Passwords.WorkFactor;
    private readonly Lazy<string> _dummyHash = new(() => BCryptNet.EnhancedHashPassword("rbackit-dummy-password", HashType.SHA384, options.Value.Passwords.WorkFactor));

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return BCryptNet.EnhancedHashPassword(Normalize(password), HashType.SHA384, _workFactor);
    }

    public PasswordVerification Verify(string password, string hash)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (string.IsNullOrEmpty(hash))
        {
            VerifyDummy(password);
            return PasswordVerification.Failed;
        }

        bool ok;
        try
        {
            ok = BCryptNet.EnhancedVerify(Normalize(password), hash, HashType.SHA384);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return PasswordVerification.Failed;
        }

        if (!ok)
        {
            return PasswordVerification.Failed;
        }

        return BCryptNet.PasswordNeedsRehash(hash, _workFactor) || GetCost(hash) != _workFactor
            ? PasswordVerification.SuccessRehashNeeded
            : PasswordVerification.Success;
    }

    public void VerifyDummy(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        _ = BCryptNet.EnhancedVerify(Normalize(password), _dummyHash.Value, HashType.SHA384);
    }

    internal static string Normalize(string password) => Normalizer.Password(password);

    private static int GetCost(string hash) =>
        hash.Length > 6 && int.TryParse(hash.AsSpan(4, 2), out var cost) ? cost : -1;
}
