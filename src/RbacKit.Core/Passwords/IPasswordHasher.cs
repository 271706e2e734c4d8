namespace RbacKit.Passwords;

/// <summary>Hashes and verifies passwords.</summary>
public interface IPasswordHasher
{
    /// <summary>Hashes a password at the configured work factor.</summary>
    string Hash(string password);

    /// <summary>Verifies a password against a stored hash (constant-time comparison).</summary>
    PasswordVerification Verify(string password, string hash);

    /// <summary>Spends the same work as a real verification, for unknown accounts, so timing does not reveal them.</summary>
    void VerifyDummy(string password);
}
