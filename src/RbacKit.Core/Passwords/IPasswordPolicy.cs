namespace RbacKit.Passwords;

/// <summary>Decides whether a new password is acceptable.</summary>
public interface IPasswordPolicy
{
    /// <summary>Null when acceptable, otherwise the reason (field <c>password</c>).</summary>
    /// <param name="password">The candidate.</param>
    /// <param name="userInputs">Values the password must not be built from (email, names).</param>
    RbacError? Check(string password, IEnumerable<string?> userInputs);
}
