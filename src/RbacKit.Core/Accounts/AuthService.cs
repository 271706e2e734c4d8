using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RbacKit.Domain;
using RbacKit.Mfa;
using RbacKit.Passwords;
using RbacKit.Sessions;
using RbacKit.Stores;

namespace RbacKit.Accounts;

internal sealed partial class AuthService(
    IUserStore users,
    ILoginEventStore loginEvents,
    IPasswordHasher hasher,
    IMfaService mfa,
    ISessionService sessions,
    TokenPairFactory tokens,
    RbacKitMetrics metrics,
    IOptions<RbacKitOptions> options,
    TimeProvider time,
    ILogger<AuthService> logger) : IAuthService
{
    private readonly LockoutOptions _lockout = options.Value.Lockout;
    private readonly AccountOptions _accounts = options.Value.Accounts;

    public async Task<RbacResult<TokenPair>> LoginAsync(LoginRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        using var activity = RbacKitTracing.Source.StartActivity("RbacKit.Login");
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password)
            || request.Email.Length > InputRules.MaxEmailLength || request.Password.Length > 1024)
        {
            return RbacError.Validation("email", "Email and password are required.");
        }

        var user = await users.FindByEmailAsync(Normalizer.NormalizeKey(request.Email), cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            hasher.VerifyDummy(request.Password);
            return await FailAsync(null, LoginOutcome.UnknownUser, client, cancellationToken).ConfigureAwait(false);
        }

        // The password is checked in every case so that every refusal costs the same work.
        var verification = hasher.Verify(request.Password, user.PasswordHash);
        if (!user.IsActive)
        {
            return await FailAsync(user.Id, LoginOutcome.Deactivated, client, cancellationToken).ConfigureAwait(false);
        }

        if (user.LockoutEnd is { } lockoutEnd && lockoutEnd > time.GetUtcNow())
        {
            return await FailAsync(user.Id, LoginOutcome.LockedOut, client, cancellationToken).ConfigureAwait(false);
        }

        if (verification == PasswordVerification.Failed)
        {
            await users.RecordLoginFailureAsync(user.Id, _lockout.MaxFailedAttempts, time.GetUtcNow() + _lockout.Duration, cancellationToken).ConfigureAwait(false);
            return await FailAsync(user.Id, LoginOutcome.InvalidPassword, client, cancellationToken).ConfigureAwait(false);
        }

        if (_accounts.RequireConfirmedEmail && !user.EmailConfirmed)
        {
            // Only a caller who knows the password learns this; it does not count as a failure.
            await RecordAsync(user.Id, LoginOutcome.EmailNotConfirmed, client, cancellationToken).ConfigureAwait(false);
            return new RbacError(RbacErrorKind.Unauthenticated, RbacErrorCodes.EmailNotConfirmed,
                "The email address is not confirmed yet: follow the link in the confirmation mail, or request a new one.");
        }

        var secondFactorConsumed = false;
        if (user.MfaEnabled)
        {
            if (string.IsNullOrEmpty(request.TwoFactorCode) && string.IsNullOrEmpty(request.RecoveryCode))
            {
                await RecordAsync(user.Id, LoginOutcome.MfaRequired, client, cancellationToken).ConfigureAwait(false);
                return new RbacError(RbacErrorKind.Unauthenticated, RbacErrorCodes.MfaRequired, "A second factor is required: send twoFactorCode or recoveryCode.");
            }

            if (!await mfa.VerifySecondFactorAsync(user, request.TwoFactorCode, request.RecoveryCode, cancellationToken).ConfigureAwait(false))
            {
                await users.RecordLoginFailureAsync(user.Id, _lockout.MaxFailedAttempts, time.GetUtcNow() + _lockout.Duration, cancellationToken).ConfigureAwait(false);
                await RecordAsync(user.Id, LoginOutcome.MfaFailed, client, cancellationToken).ConfigureAwait(false);
                return new RbacError(RbacErrorKind.Unauthenticated, RbacErrorCodes.InvalidMfaCode, "The second factor is wrong, expired or already used.");
            }

            secondFactorConsumed = true;
        }

        // Always, not only when the record read above had failures: failures counted by concurrent requests after that
        // read are reset too. If those failures locked the account meanwhile, the lockout stands and this login is
        // refused like any other during a lockout: a burst of parallel guesses cannot get past the threshold.
        // Except when this login consumed a single-use second factor (a recovery code or a TOTP step, both taken
        // atomically): the account was not locked when it was read, and the failures that locked it since can only be
        // the losers of the race for that same code, which failed after this request had won it. The first valid use
        // wins; the lockout still stands for everything after it.
        if (!await users.ResetLoginFailuresAsync(user.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false) && !secondFactorConsumed)
        {
            return await FailAsync(user.Id, LoginOutcome.LockedOut, client, cancellationToken).ConfigureAwait(false);
        }

        if (verification == PasswordVerification.SuccessRehashNeeded)
        {
            await UpgradeHashAsync(user.Id, request.Password, cancellationToken).ConfigureAwait(false);
        }

        var session = await sessions.StartAsync(user.Id, client, cancellationToken).ConfigureAwait(false);
        var pair = await tokens.CreateAsync(user.Id, session.SessionId, session.RefreshToken, cancellationToken).ConfigureAwait(false);
        if (pair is null)
        {
            // Deactivated between the read and now.
            await sessions.RevokeAsync(user.Id, session.SessionId, "deactivated", cancellationToken).ConfigureAwait(false);
            return await FailAsync(user.Id, LoginOutcome.Deactivated, client, cancellationToken).ConfigureAwait(false);
        }

        await RecordAsync(user.Id, LoginOutcome.Success, client, cancellationToken).ConfigureAwait(false);
        CoreLog.LoginSucceeded(logger, user.Id, session.SessionId);
        metrics.TokenIssued("password");
        return pair;
    }

    public async Task<RbacResult<TokenPair>> SignInExternalAsync(
        Guid userId, string provider, string? twoFactorCode, string? recoveryCode, ClientInfo client, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(provider);
        ArgumentNullException.ThrowIfNull(client);
        var user = await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is null || !user.IsActive)
        {
            return await FailAsync(user?.Id, LoginOutcome.Deactivated, client, cancellationToken, provider).ConfigureAwait(false);
        }

        if (user.LockoutEnd is { } lockoutEnd && lockoutEnd > time.GetUtcNow())
        {
            return await FailAsync(user.Id, LoginOutcome.LockedOut, client, cancellationToken, provider).ConfigureAwait(false);
        }

        if (user.MfaEnabled)
        {
            if (string.IsNullOrEmpty(twoFactorCode) && string.IsNullOrEmpty(recoveryCode))
            {
                await RecordAsync(user.Id, LoginOutcome.MfaRequired, client, cancellationToken, provider).ConfigureAwait(false);
                return new RbacError(RbacErrorKind.Unauthenticated, RbacErrorCodes.MfaRequired, "A second factor is required: send twoFactorCode or recoveryCode.");
            }

            if (!await mfa.VerifySecondFactorAsync(user, twoFactorCode, recoveryCode, cancellationToken).ConfigureAwait(false))
            {
                await users.RecordLoginFailureAsync(user.Id, _lockout.MaxFailedAttempts, time.GetUtcNow() + _lockout.Duration, cancellationToken).ConfigureAwait(false);
                await RecordAsync(user.Id, LoginOutcome.MfaFailed, client, cancellationToken, provider).ConfigureAwait(false);
                return new RbacError(RbacErrorKind.Unauthenticated, RbacErrorCodes.InvalidMfaCode, "The second factor is wrong, expired or already used.");
            }
        }

        var session = await sessions.StartAsync(user.Id, client, cancellationToken).ConfigureAwait(false);
        var pair = await tokens.CreateAsync(user.Id, session.SessionId, session.RefreshToken, cancellationToken).ConfigureAwait(false);
        if (pair is null)
        {
            await sessions.RevokeAsync(user.Id, session.SessionId, "deactivated", cancellationToken).ConfigureAwait(false);
            return await FailAsync(user.Id, LoginOutcome.Deactivated, client, cancellationToken, provider).ConfigureAwait(false);
        }

        await RecordAsync(user.Id, LoginOutcome.Success, client, cancellationToken, provider).ConfigureAwait(false);
        CoreLog.LoginSucceeded(logger, user.Id, session.SessionId);
        metrics.TokenIssued("external");
        return pair;
    }

    public async Task<RbacResult<TokenPair>> RefreshAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        using var activity = RbacKitTracing.Source.StartActivity("RbacKit.Refresh");
        if (string.IsNullOrEmpty(refreshToken))
        {
            return RbacError.Validation("refreshToken", "The refresh token is required.");
        }

        var refreshed = await sessions.RefreshAsync(refreshToken, cancellationToken).ConfigureAwait(false);
        if (!refreshed.Succeeded)
        {
            return refreshed.Error;
        }

        var session = refreshed.Value;
        var pair = await tokens.CreateAsync(session.UserId, session.SessionId, session.RefreshToken, cancellationToken).ConfigureAwait(false);
        if (pair is null)
        {
            return new RbacError(RbacErrorKind.Unauthenticated, RbacErrorCodes.InvalidToken, "The refresh token is invalid or expired.");
        }

        metrics.TokenIssued("refresh_token");
        return pair;
    }

    public async Task<RbacResult> LogoutAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken) =>
        await sessions.RevokeAsync(userId, sessionId, "logout", cancellationToken).ConfigureAwait(false);

    public async Task<RbacResult> LogoutOthersAsync(Guid userId, Guid sessionId, CancellationToken cancellationToken)
    {
        await sessions.RevokeAllAsync(userId, sessionId, "logout_others", cancellationToken).ConfigureAwait(false);
        return RbacResult.Success;
    }

    private async Task UpgradeHashAsync(Guid userId, string password, CancellationToken cancellationToken)
    {
        var fresh = await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (fresh is null)
        {
            return;
        }

        var upgraded = fresh with { PasswordHash = hasher.Hash(password), UpdatedAt = time.GetUtcNow() };

        // A concurrent change wins; the upgrade is retried at the next login.
        _ = await users.SaveAsync(fresh, upgraded, time, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RbacResult<TokenPair>> FailAsync(Guid? userId, LoginOutcome outcome, ClientInfo client, CancellationToken cancellationToken, string? provider = null)
    {
        await RecordAsync(userId, outcome, client, cancellationToken, provider).ConfigureAwait(false);
        return new RbacError(RbacErrorKind.Unauthenticated, RbacErrorCodes.InvalidCredentials, "The email or password is incorrect.");
    }

    private async Task RecordAsync(Guid? userId, LoginOutcome outcome, ClientInfo client, CancellationToken cancellationToken, string? provider = null)
    {
        metrics.Login(outcome);
        if (outcome != LoginOutcome.Success)
        {
            CoreLog.LoginRefused(logger, userId, outcome);
        }

        await loginEvents.AppendAsync(new LoginEvent
        {
            Id = IdGenerator.NewId(time),
            UserId = userId,
            At = time.GetUtcNow(),
            IpAddress = Text.Truncate(client.IpAddress, 64),
            UserAgent = Text.Truncate(client.UserAgent, 256),
            Outcome = outcome,
            Provider = provider,
        }, cancellationToken).ConfigureAwait(false);
    }
}
