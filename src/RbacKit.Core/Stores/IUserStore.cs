using RbacKit.Domain;

namespace RbacKit.Stores;

/// <summary>
/// Persists users. Uniqueness of the normalized email and of the email skeleton (when not <see langword="null"/>) is
/// enforced by the store, not by a prior read.
/// </summary>
public interface IUserStore
{
    /// <summary>Inserts a user and its initial role grants atomically. <see cref="StoreResult.Duplicate"/> when the email or its skeleton is taken.</summary>
    Task<StoreResult> CreateAsync(User user, IReadOnlyCollection<UserRole> initialRoles, CancellationToken cancellationToken);

    /// <summary>Finds a user by id (active or not).</summary>
    Task<User?> FindByIdAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Finds a user by normalized email (active or not).</summary>
    Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the profile fields of <paramref name="user"/> (email and its confirmation, names, password hash, MFA flag and
    /// secrets, UpdatedAt) and its new <see cref="User.ConcurrencyStamp"/>, chosen by the caller, if the stored stamp is
    /// still <paramref name="expectedConcurrencyStamp"/> (the stamp of the copy the change was made from). The store never
    /// changes the instance it is given. Fields owned by atomic operations (authorization version, active flag, failure
    /// count, lockout, last TOTP step) are never written here. <see cref="StoreResult.Conflict"/> when the stored stamp is
    /// another one, <see cref="StoreResult.NotFound"/> for an unknown user, <see cref="StoreResult.Duplicate"/> when a
    /// changed email is taken.
    /// </summary>
    Task<StoreResult> UpdateAsync(User user, Guid expectedConcurrencyStamp, CancellationToken cancellationToken);

    /// <summary>Atomically counts a failed login; at <paramref name="threshold"/> sets the lockout end and resets the count. Returns whether the account is now locked.</summary>
    Task<bool> RecordLoginFailureAsync(Guid userId, int threshold, DateTimeOffset lockoutEnd, CancellationToken cancellationToken);

    /// <summary>
    /// After a successful login, atomically clears the failure count and a lockout that has ended. Returns false, and
    /// changes nothing, when the account is locked at <paramref name="now"/>: concurrent failures locked it after the login
    /// read it, and the login must be refused. Called on every success, so implementations should skip the write when
    /// there is nothing to clear.
    /// </summary>
    Task<bool> ResetLoginFailuresAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Whether another account has <paramref name="normalizedEmail"/> or, when given, <paramref name="emailSkeleton"/> (a look-alike).</summary>
    Task<bool> IsEmailTakenAsync(string normalizedEmail, string? emailSkeleton, CancellationToken cancellationToken);

    /// <summary>Clears the failure count and any lockout, ended or not (a password reset through the user's mailbox).</summary>
    Task ClearLockoutAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="timeStep"/> as the last used TOTP step if it is newer than the stored one. False when it was already used (replay).</summary>
    Task<bool> TryAdvanceTotpStepAsync(Guid userId, long timeStep, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="count"/> users whose <see cref="User.EmailSkeleton"/> is <see langword="null"/> (stored before
    /// it existed) and whose id is greater than <paramref name="after"/> (all when <see langword="null"/>), ordered by id.
    /// </summary>
    Task<IReadOnlyList<User>> ListWithoutEmailSkeletonAsync(Guid? after, int count, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the normalized email and the email skeleton of a user whose skeleton is still <see langword="null"/>.
    /// <see cref="StoreResult.Duplicate"/> when another user holds either value, <see cref="StoreResult.NotFound"/> when
    /// the user is gone or already has a skeleton.
    /// </summary>
    Task<StoreResult> SetEmailKeysAsync(Guid userId, string normalizedEmail, string emailSkeleton, CancellationToken cancellationToken);

    /// <summary>
    /// Deactivates a user (soft delete) and bumps the authorization version; with <paramref name="guardedRoleId"/>
    /// refuses (<see cref="StoreResult.LastHolder"/>) when the user is that role's last active holder (atomic with respect
    /// to concurrent revocations of that role). <see cref="StoreResult.NotFound"/> for an unknown or inactive user.
    /// </summary>
    Task<StoreResult> DeactivateAsync(Guid userId, Guid? guardedRoleId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Lists users whose email or names contain <paramref name="search"/>, ordered by normalized email then id: the
    /// offset page, or the page after <see cref="PageRequest.After"/> (keyset <c>(normalized_email, id) &gt; (key, id)</c>),
    /// with a total counted up to <see cref="Paging.CountLimit"/>.
    /// </summary>
    Task<PagedResult<User>> SearchAsync(string? search, PageRequest page, CancellationToken cancellationToken);
}
