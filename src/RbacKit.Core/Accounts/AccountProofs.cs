using Microsoft.Extensions.Options;
using RbacKit.Domain;
using RbacKit.Passwords;
using RbacKit.Stores;

namespace RbacKit.Accounts;

/// <summary>
/// Checks the proofs that self-service changes ask for (current password, second factor) the way a login checks them:
/// every wrong proof counts toward the account lockout (<see cref="LockoutOptions"/>, the login's counter), and while
/// the account is locked even a right proof is refused with <see cref="RbacErrorCodes.AccountLocked"/> (HTTP 429), so
/// a stolen access token cannot be used to guess the password.
/// </summary>
internal sealed class AccountProofs(IUserStore users, IPasswordHasher hasher, IOptions<RbacKitOptions> options, TimeProvider time)
{
    private readonly LockoutOptions _lockout = options.Value.Lockout;

    /// <summary>Verifies <paramref name="password"/>; null when it is right and the account is not locked.</summary>
    public async Task<RbacError?> CheckPasswordAsync(User user, string? password, string field, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return WrongPassword(field);
        }

        // Verified in every case so that a locked account costs the same work.
        var right = hasher.Verify(password, user.PasswordHash) != PasswordVerification.Failed;
        if (IsLocked(user))
        {
            return Locked(user);
        }

        return right
            ? await SucceededAsync(user.Id, cancellationToken).ConfigureAwait(false)
            : await FailedAsync(user.Id, WrongPassword(field), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The account is locked as read.</summary>
    public bool IsLocked(User user) => user.LockoutEnd is { } end && end > time.GetUtcNow();

    /// <summary>Counts a wrong proof; returns <paramref name="error"/>, or the lockout problem when this failure locked the account.</summary>
    public async Task<RbacError> FailedAsync(Guid userId, RbacError error, CancellationToken cancellationToken)
    {
        var locked = await users.RecordLoginFailureAsync(userId, _lockout.MaxFailedAttempts, time.GetUtcNow() + _lockout.Duration, cancellationToken).ConfigureAwait(false);
        return locked ? Locked(_lockout.Duration) : error;
    }

    /// <summary>Clears the failure count after a right proof; the lockout problem when concurrent failures locked the account meanwhile.</summary>
    public async Task<RbacError?> SucceededAsync(Guid userId, CancellationToken cancellationToken) =>
        await users.ResetLoginFailuresAsync(userId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false) ? null : Locked(_lockout.Duration);

    /// <summary>The lockout problem for <paramref name="user"/> as read, with the rest of its lockout as <see cref="RbacError.RetryAfter"/>.</summary>
    public RbacError Locked(User user) =>
        Locked(user.LockoutEnd is { } end && end > time.GetUtcNow() ? end - time.GetUtcNow() : null);

    public static RbacError Locked(TimeSpan? retryAfter) =>
        new(RbacErrorKind.TooManyRequests, RbacErrorCodes.AccountLocked, "Too many wrong passwords or codes; the account is locked for a while.")
        {
            RetryAfter = retryAfter,
        };

    public static RbacError WrongPassword(string field) =>
        new(RbacErrorKind.Validation, RbacErrorCodes.InvalidCredentials, "The password is incorrect.",
            new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = ["The password is incorrect."] });
}
