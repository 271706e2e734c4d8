using RbacKit.Domain;
using RbacKit.Mail;
using RbacKit.Passwords;
using RbacKit.Sessions;
using RbacKit.Stores;

namespace RbacKit.Accounts.Recovery;

internal sealed class AccountRecoveryService(
    IUserStore users,
    IMailTokenService tokens,
    IMailTokenStore tokenStore,
    AccountMailer mailer,
    AccountProofs proofs,
    ISessionService sessions,
    IPasswordHasher hasher,
    IPasswordPolicy policy,
    TimeProvider time) : IAccountRecoveryService
{
    private const int UpdateAttempts = 3;

    public async Task<RbacResult> ConfirmEmailAsync(string? token, CancellationToken cancellationToken)
    {
        if (await tokens.ConsumeAsync(token, MailTokenPurpose.ConfirmEmail, cancellationToken).ConfigureAwait(false) is { } confirm)
        {
            return await UpdateUserAsync(confirm.UserId, u => u with { EmailConfirmed = true }, cancellationToken).ConfigureAwait(false);
        }

        if (await tokens.ConsumeAsync(token, MailTokenPurpose.ChangeEmail, cancellationToken).ConfigureAwait(false) is { NewEmail: { } newEmail } change)
        {
            var result = await UpdateUserAsync(change.UserId, u => u with
            {
                Email = newEmail,
                NormalizedEmail = Normalizer.NormalizeKey(newEmail),
                EmailSkeleton = Normalizer.EmailSkeleton(newEmail),
                EmailConfirmed = true,
            }, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                // A confirmation link still out for the old address must not confirm the new one.
                await tokenStore.RevokeAsync(change.UserId, MailTokenPurpose.ConfirmEmail, cancellationToken).ConfigureAwait(false);
            }

            return result;
        }

        return InvalidToken();
    }

    public RbacResult ValidateEmail(string? email) =>
        InputRules.CheckEmail(email) is { } invalid ? RbacError.Validation("email", invalid) : RbacResult.Success;

    public async Task<RbacResult> ResendConfirmationAsync(string? email, CancellationToken cancellationToken)
    {
        if (InputRules.CheckEmail(email) is { } invalid)
        {
            return RbacError.Validation("email", invalid);
        }

        var user = await users.FindByEmailAsync(Normalizer.NormalizeKey(email!), cancellationToken).ConfigureAwait(false);
        if (user is { IsActive: true, EmailConfirmed: false })
        {
            await mailer.SendConfirmationAsync(user, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await mailer.DecoyAsync(MailTokenPurpose.ConfirmEmail, EmailTemplateKind.ConfirmEmail, cancellationToken).ConfigureAwait(false);
        }

        return RbacResult.Success;
    }

    public async Task<RbacResult> ForgotPasswordAsync(string? email, CancellationToken cancellationToken)
    {
        if (InputRules.CheckEmail(email) is { } invalid)
        {
            return RbacError.Validation("email", invalid);
        }

        var user = await users.FindByEmailAsync(Normalizer.NormalizeKey(email!), cancellationToken).ConfigureAwait(false);
        if (user is { IsActive: true })
        {
            await mailer.SendResetAsync(user, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await mailer.DecoyAsync(MailTokenPurpose.ResetPassword, EmailTemplateKind.ResetPassword, cancellationToken).ConfigureAwait(false);
        }

        return RbacResult.Success;
    }

    public async Task<RbacResult> ResetPasswordAsync(string? token, string? newPassword, CancellationToken cancellationToken)
    {
        // Checked before the token is spent, so a weak choice does not cost the user the link.
        if (WeakPassword(newPassword, []) is { } weak)
        {
            return weak;
        }

        if (await tokens.ConsumeAsync(token, MailTokenPurpose.ResetPassword, cancellationToken).ConfigureAwait(false) is not { } reset)
        {
            return InvalidToken();
        }

        var user = await users.FindByIdAsync(reset.UserId, cancellationToken).ConfigureAwait(false);
        if (user is not { IsActive: true })
        {
            return InvalidToken();
        }

        // The policy also refuses the user's own names and address; only this check can come after the token is spent.
        if (WeakPassword(newPassword, [user.Email, user.FirstName, user.LastName, user.MiddleName]) is { } personal)
        {
            return personal;
        }

        var hash = hasher.Hash(newPassword!);
        var result = await UpdateUserAsync(user.Id, u => u with { PasswordHash = hash, EmailConfirmed = true }, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return result;
        }

        await users.ClearLockoutAsync(user.Id, cancellationToken).ConfigureAwait(false);
        await sessions.RevokeAllAsync(user.Id, null, "password_reset", cancellationToken).ConfigureAwait(false);
        await mailer.SendPasswordResetNoticeAsync(user, cancellationToken).ConfigureAwait(false);
        return RbacResult.Success;
    }

    public async Task<RbacResult> RequestEmailChangeAsync(Guid userId, Guid currentSessionId, string? currentPassword, string? newEmail, CancellationToken cancellationToken)
    {
        if (InputRules.CheckEmail(newEmail) is { } invalid)
        {
            return RbacError.Validation("newEmail", invalid);
        }

        var user = await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is not { IsActive: true })
        {
            return RbacError.NotFound("user");
        }

        if (await proofs.CheckPasswordAsync(user, currentPassword, "currentPassword", cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var address = newEmail!.Trim();
        var key = Normalizer.NormalizeKey(address);
        if (string.Equals(key, user.NormalizedEmail, StringComparison.Ordinal))
        {
            return RbacError.Validation("newEmail", "The new email is the current one.");
        }

        // Also enforced by the store's unique indexes when the link is confirmed.
        if (await users.IsEmailTakenAsync(key, Normalizer.EmailSkeleton(address), cancellationToken).ConfigureAwait(false))
        {
            return AccountService.EmailTaken();
        }

        await mailer.SendEmailChangeAsync(user, address, cancellationToken).ConfigureAwait(false);
        await sessions.RevokeAllAsync(userId, currentSessionId, "email_change_requested", cancellationToken).ConfigureAwait(false);
        return RbacResult.Success;
    }

    /// <summary>
    /// The work of a real request without its effect, so an unknown address answers in about the same time: a token is drawn
    /// and hashed and the token table is written (a delete that matches nothing).
    /// </summary>
    private RbacError? WeakPassword(string? password, string?[] context) =>
        policy.Check(password ?? "", context) is { } weak
            ? weak with { Errors = new Dictionary<string, string[]>(StringComparer.Ordinal) { ["newPassword"] = [weak.Message] } }
            : null;

    /// <summary>Saves the copy <paramref name="change"/> makes of a fresh read, retrying when a concurrent update won.</summary>
    private async Task<RbacResult> UpdateUserAsync(Guid userId, Func<User, User> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < UpdateAttempts; attempt++)
        {
            var user = await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
            if (user is not { IsActive: true })
            {
                return InvalidToken();
            }

            var changed = change(user) with { UpdatedAt = time.GetUtcNow() };
            switch ((await users.SaveAsync(user, changed, time, cancellationToken).ConfigureAwait(false)).Result)
            {
                case StoreResult.Success:
                    return RbacResult.Success;
                case StoreResult.Duplicate:
                    return AccountService.EmailTaken();
                case StoreResult.NotFound:
                    return InvalidToken();
            }
        }

        return new RbacError(RbacErrorKind.Conflict, RbacErrorCodes.ConcurrencyConflict, "The account changed at the same time; try the link again.");
    }

    private static RbacError InvalidToken() =>
        new(RbacErrorKind.Validation, RbacErrorCodes.InvalidToken, "The link is invalid, expired or already used; request a new one.",
            new Dictionary<string, string[]>(StringComparer.Ordinal) { ["token"] = ["The link is invalid, expired or already used; request a new one."] });
}
