using Microsoft.Extensions.Options;
using RbacKit.Domain;
using RbacKit.Secrets;
using RbacKit.Stores;

namespace RbacKit.Mfa;

internal sealed class MfaService(
    IUserStore users,
    ISessionStore sessions,
    IRecoveryCodeStore recoveryCodes,
    ISecretProtector protector,
    Accounts.AccountProofs proofs,
    IOptions<RbacKitOptions> options,
    TimeProvider time) : IMfaService
{
    private readonly MfaOptions _options = options.Value.Mfa;

    public async Task<RbacResult<TotpSetup>> BeginTotpSetupAsync(Guid userId, Guid sessionId, string? currentPassword, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is not { IsActive: true })
        {
            return RbacError.NotFound("user");
        }

        if (await ReauthenticateAsync(user, sessionId, currentPassword, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (user.MfaEnabled)
        {
            return new RbacError(RbacErrorKind.Conflict, RbacErrorCodes.MfaState, "MFA is already enabled; disable it first to enrol a new authenticator.");
        }

        var secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(_options.SecretLength);
        var pending = user with { PendingTotpSecret = protector.Protect(secret), UpdatedAt = time.GetUtcNow() };
        if ((await users.SaveAsync(user, pending, time, cancellationToken).ConfigureAwait(false)).Result != StoreResult.Success)
        {
            return Conflict();
        }

        var base32 = Totp.ToBase32(secret);
        return new TotpSetup(base32, Totp.BuildUri(_options.IssuerName, user.Email, base32));
    }

    public async Task<RbacResult<IReadOnlyList<string>>> ConfirmTotpAsync(Guid userId, Guid sessionId, string? currentPassword, string code, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is not { IsActive: true })
        {
            return RbacError.NotFound("user");
        }

        if (user.MfaEnabled || user.PendingTotpSecret is null)
        {
            return new RbacError(RbacErrorKind.Conflict, RbacErrorCodes.MfaState, "There is no pending TOTP setup; start with the setup call.");
        }

        if (await ReauthenticateAsync(user, sessionId, currentPassword, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var secret = protector.Unprotect(user.PendingTotpSecret);
        var step = Totp.Match(secret, code, time.GetUtcNow());
        if (step is null || !await users.TryAdvanceTotpStepAsync(userId, step.Value, cancellationToken).ConfigureAwait(false))
        {
            return InvalidCode();
        }

        user = await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null || user.PendingTotpSecret is null)
        {
            return Conflict();
        }

        var confirmed = user with { TotpSecret = user.PendingTotpSecret, PendingTotpSecret = null, MfaEnabled = true, UpdatedAt = time.GetUtcNow() };
        if ((await users.SaveAsync(user, confirmed, time, cancellationToken).ConfigureAwait(false)).Result != StoreResult.Success)
        {
            return Conflict();
        }

        var codes = Enumerable.Range(0, _options.RecoveryCodeCount).Select(_ => RecoveryCodes.Create()).ToArray();
        await recoveryCodes.ReplaceAsync(userId, [.. codes.Select(c => RecoveryCodes.Protect(IdGenerator.NewId(time), userId, c))], cancellationToken).ConfigureAwait(false);
        return codes;
    }

    public async Task<RbacResult> DisableTotpAsync(Guid userId, string? code, string? recoveryCode, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is not { IsActive: true })
        {
            return RbacError.NotFound("user");
        }

        if (!user.MfaEnabled)
        {
            return new RbacError(RbacErrorKind.Conflict, RbacErrorCodes.MfaState, "MFA is not enabled.");
        }

        // The second factor itself, not the password alone (ASVS 5.0 V7.5): a stolen password and token do not turn MFA off.
        if (string.IsNullOrEmpty(code) && string.IsNullOrEmpty(recoveryCode))
        {
            return RbacError.Validation("code", "Send a current TOTP code or a recovery code.");
        }

        // Every wrong proof counts toward the lockout, as at login; while locked even a right one is refused.
        if (proofs.IsLocked(user))
        {
            return proofs.Locked(user);
        }

        if (!await VerifySecondFactorAsync(user, code, recoveryCode, cancellationToken).ConfigureAwait(false))
        {
            return await proofs.FailedAsync(userId, InvalidCode(), cancellationToken).ConfigureAwait(false);
        }

        if (await proofs.SucceededAsync(userId, cancellationToken).ConfigureAwait(false) is { } locked)
        {
            return locked;
        }

        user = await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return RbacError.NotFound("user");
        }

        var disabled = user with { MfaEnabled = false, TotpSecret = null, PendingTotpSecret = null, UpdatedAt = time.GetUtcNow() };
        if ((await users.SaveAsync(user, disabled, time, cancellationToken).ConfigureAwait(false)).Result != StoreResult.Success)
        {
            return Conflict();
        }

        await recoveryCodes.DeleteAllAsync(userId, cancellationToken).ConfigureAwait(false);
        return RbacResult.Success;
    }

    public async Task<bool> VerifySecondFactorAsync(User user, string? code, string? recoveryCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!string.IsNullOrEmpty(code))
        {
            return await VerifyTotpAsync(user, code, cancellationToken).ConfigureAwait(false);
        }

        if (!RecoveryCodes.IsWellFormed(recoveryCode))
        {
            return false;
        }

        // Each unused code has its own salt, so the typed code is hashed against each; the match is then consumed by
        // one conditional update, so of racing uses of one code only the first succeeds.
        var unused = await recoveryCodes.ListUnusedAsync(user.Id, cancellationToken).ConfigureAwait(false);
        var match = RecoveryCodes.FindMatch(recoveryCode, unused);
        return match is not null && await recoveryCodes.TryConsumeAsync(user.Id, match.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> VerifyTotpAsync(User user, string code, CancellationToken cancellationToken)
    {
        if (user.TotpSecret is null)
        {
            return false;
        }

        var step = Totp.Match(protector.Unprotect(user.TotpSecret), code, time.GetUtcNow());

        // The step is stored atomically: a code (and any earlier one) works once, even under parallel submissions.
        return step is not null && await users.TryAdvanceTotpStepAsync(user.Id, step.Value, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Null when the session's login is recent (<see cref="MfaOptions.ReauthenticationWindow"/>, from the session's
    /// creation, which a refresh does not move) or <paramref name="currentPassword"/> is right; a wrong password counts
    /// toward the lockout and is reported as a wrong password, never as a wrong code.
    /// </summary>
    private async Task<RbacError?> ReauthenticateAsync(User user, Guid sessionId, string? currentPassword, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(currentPassword))
        {
            var session = await sessions.FindAsync(sessionId, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            return session is not null && session.UserId == user.Id && session.IsActiveAt(now) && now - session.CreatedAt < _options.ReauthenticationWindow
                ? null
                : new RbacError(RbacErrorKind.Forbidden, RbacErrorCodes.ReauthenticationRequired,
                    "Changing MFA needs the current password (currentPassword) or a login less than a few minutes old.");
        }

        return await proofs.CheckPasswordAsync(user, currentPassword, "currentPassword", cancellationToken).ConfigureAwait(false);
    }

    private static RbacError InvalidCode() =>
        new(RbacErrorKind.Validation, RbacErrorCodes.InvalidMfaCode, "The code is wrong, expired or already used.");

    private static RbacError Conflict() =>
        new(RbacErrorKind.Conflict, RbacErrorCodes.ConcurrencyConflict, "The account changed at the same time; try again.");
}
