using Microsoft.Extensions.Options;
using RbacKit.Accounts.Recovery;
using RbacKit.Caching;
using RbacKit.Domain;
using RbacKit.Passwords;
using RbacKit.Permissions;
using RbacKit.Sessions;
using RbacKit.Stores;

namespace RbacKit.Accounts;

internal sealed class AccountService(
    IUserStore users,
    IRoleStore roles,
    ILoginEventStore loginEvents,
    ISessionStore sessionStore,
    ISessionService sessions,
    IPasswordHasher hasher,
    IPasswordPolicy policy,
    AccountProofs proofs,
    IAuthorizationStateProvider state,
    IAuthorizationChangeFeed feed,
    AccountMailer mailer,
    PermissionCatalog catalog,
    IOptions<RbacKitOptions> options,
    TimeProvider time) : IAccountService
{
    private readonly RbacKitOptions _options = options.Value;

    public async Task<RbacResult<UserProfile>> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        InputRules.Add(errors, "email", InputRules.CheckEmail(request.Email));
        InputRules.Add(errors, "firstName", InputRules.CheckName(request.FirstName, required: true, "first name"));
        InputRules.Add(errors, "lastName", InputRules.CheckName(request.LastName, required: true, "last name"));
        InputRules.Add(errors, "middleName", InputRules.CheckName(request.MiddleName, required: false, "middle name"));
        if (!string.Equals(request.Password, request.PasswordConfirm, StringComparison.Ordinal))
        {
            errors["passwordConfirm"] = ["The passwords do not match."];
        }

        if (errors.Count > 0)
        {
            return RbacError.Validation(errors);
        }

        var weak = policy.Check(request.Password ?? "", [request.Email, request.FirstName, request.LastName, request.MiddleName]);
        if (weak is not null)
        {
            return weak;
        }

        var now = time.GetUtcNow();
        var user = new User
        {
            Id = IdGenerator.NewId(time),
            Email = request.Email!.Trim(),
            NormalizedEmail = Normalizer.NormalizeKey(request.Email),
            EmailSkeleton = Normalizer.EmailSkeleton(request.Email),
            FirstName = Normalizer.CleanName(request.FirstName)!,
            LastName = Normalizer.CleanName(request.LastName)!,
            MiddleName = Normalizer.CleanName(request.MiddleName),
            PasswordHash = hasher.Hash(request.Password!),
            ConcurrencyStamp = IdGenerator.NewId(time),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var initialRoles = new List<UserRole>();
        if (!string.IsNullOrEmpty(_options.DefaultRole))
        {
            var role = await roles.FindByNameAsync(Normalizer.NormalizeKey(_options.DefaultRole), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"RbacKit: the default role '{_options.DefaultRole}' does not exist; run the seeder (IRbacSeeder) at start-up.");
            initialRoles.Add(new UserRole { UserId = user.Id, RoleId = role.Id, GrantedAt = now });
        }

        switch (await users.CreateAsync(user, initialRoles, cancellationToken).ConfigureAwait(false))
        {
            case StoreResult.Success:
                await mailer.SendConfirmationAsync(user, cancellationToken).ConfigureAwait(false);
                return ToProfile(user, initialRoles.Count > 0 ? [_options.DefaultRole] : []);
            case StoreResult.Duplicate:
                if (_options.Accounts.ConcealRegisteredEmails
                    && await users.FindByEmailAsync(user.NormalizedEmail, cancellationToken).ConfigureAwait(false) is { IsActive: true } owner)
                {
                    await mailer.SendRegistrationAttemptAsync(owner, cancellationToken).ConfigureAwait(false);
                }

                return EmailTaken();
            case var other:
                throw new InvalidOperationException($"Unexpected store result {other}.");
        }
    }

    public async Task<RbacResult<UserProfile>> CreateExternalAsync(ExternalAccountRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (InputRules.CheckEmail(request.Email) is { } invalid)
        {
            return RbacError.Validation("email", invalid);
        }

        var now = time.GetUtcNow();
        var user = new User
        {
            Id = IdGenerator.NewId(time),
            Email = request.Email.Trim(),
            NormalizedEmail = Normalizer.NormalizeKey(request.Email),
            EmailSkeleton = Normalizer.EmailSkeleton(request.Email),
            EmailConfirmed = request.EmailConfirmed,
            FirstName = ExternalName(request.FirstName),
            LastName = ExternalName(request.LastName),
            PasswordHash = "",
            ConcurrencyStamp = IdGenerator.NewId(time),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var initialRoles = new List<UserRole>();
        if (!string.IsNullOrEmpty(_options.DefaultRole))
        {
            var role = await roles.FindByNameAsync(Normalizer.NormalizeKey(_options.DefaultRole), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"RbacKit: the default role '{_options.DefaultRole}' does not exist; run the seeder (IRbacSeeder) at start-up.");
            initialRoles.Add(new UserRole { UserId = user.Id, RoleId = role.Id, GrantedAt = now });
        }

        return await users.CreateAsync(user, initialRoles, cancellationToken).ConfigureAwait(false) == StoreResult.Success
            ? await ProfileAsync(user, cancellationToken).ConfigureAwait(false)
            : EmailTaken();
    }

    // A provider's name is kept only when it passes the same rules as a typed one; otherwise the field stays empty.
    private static string ExternalName(string? name) =>
        InputRules.CheckName(name, required: true, "name") is null ? Normalizer.CleanName(name)! : "";

    public async Task<RbacResult<UserProfile>> GetProfileAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        return user is { IsActive: true } ? await ProfileAsync(user, cancellationToken).ConfigureAwait(false) : RbacError.NotFound("user");
    }

    public async Task<RbacResult<UserProfile>> UpdateProfileAsync(Guid userId, ProfileUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        InputRules.Add(errors, "firstName", update.FirstName is null ? null : InputRules.CheckName(update.FirstName, required: true, "first name"));
        InputRules.Add(errors, "lastName", update.LastName is null ? null : InputRules.CheckName(update.LastName, required: true, "last name"));
        InputRules.Add(errors, "middleName", InputRules.CheckName(update.MiddleName, required: false, "middle name"));
        if (errors.Count > 0)
        {
            return RbacError.Validation(errors);
        }

        var user = await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is not { IsActive: true })
        {
            return RbacError.NotFound("user");
        }

        var changed = user with
        {
            FirstName = Normalizer.CleanName(update.FirstName) ?? user.FirstName,
            LastName = Normalizer.CleanName(update.LastName) ?? user.LastName,
            MiddleName = update.MiddleName is null ? user.MiddleName : Normalizer.CleanName(update.MiddleName),
            UpdatedAt = time.GetUtcNow(),
        };
        var (result, saved) = await users.SaveAsync(user, changed, time, cancellationToken).ConfigureAwait(false);
        return result == StoreResult.Success
            ? await ProfileAsync(saved, cancellationToken).ConfigureAwait(false)
            : Conflict();
    }

    public async Task<RbacResult> ChangePasswordAsync(Guid userId, Guid currentSessionId, string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is not { IsActive: true })
        {
            return RbacError.NotFound("user");
        }

        if (await proofs.CheckPasswordAsync(user, currentPassword, "currentPassword", cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!string.IsNullOrEmpty(newPassword) && hasher.Verify(newPassword, user.PasswordHash) != PasswordVerification.Failed)
        {
            return new RbacError(RbacErrorKind.Validation, RbacErrorCodes.PasswordReused, "The new password must differ from the current one.",
                new Dictionary<string, string[]>(StringComparer.Ordinal) { ["newPassword"] = ["The new password must differ from the current one."] });
        }

        var weak = policy.Check(newPassword ?? "", [user.Email, user.FirstName, user.LastName, user.MiddleName]);
        if (weak is not null)
        {
            return weak with { Errors = new Dictionary<string, string[]>(StringComparer.Ordinal) { ["newPassword"] = [weak.Message] } };
        }

        var changed = user with { PasswordHash = hasher.Hash(newPassword!), UpdatedAt = time.GetUtcNow() };
        if ((await users.SaveAsync(user, changed, time, cancellationToken).ConfigureAwait(false)).Result != StoreResult.Success)
        {
            return Conflict();
        }

        await sessions.RevokeAllAsync(userId, currentSessionId, "password_changed", cancellationToken).ConfigureAwait(false);
        return RbacResult.Success;
    }

    public async Task<RbacResult> DeactivateAsync(Guid userId, string? password, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is not { IsActive: true })
        {
            return RbacError.NotFound("user");
        }

        if (await proofs.CheckPasswordAsync(user, password, "password", cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var superadmin = await roles.FindByNameAsync(Normalizer.NormalizeKey(RoleDefinitionCollection.Superadmin), cancellationToken).ConfigureAwait(false);
        var result = await users.DeactivateAsync(userId, superadmin?.Id, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (result == StoreResult.LastHolder)
        {
            return new RbacError(RbacErrorKind.Conflict, RbacErrorCodes.LastSuperadmin, "The last superadmin cannot be deactivated; grant superadmin to someone else first.");
        }

        if (result != StoreResult.Success)
        {
            return RbacError.NotFound("user");
        }

        await feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.User, userId), cancellationToken).ConfigureAwait(false);
        await sessions.RevokeAllAsync(userId, null, "deactivated", cancellationToken).ConfigureAwait(false);
        return RbacResult.Success;
    }

    public async Task<IReadOnlyList<SessionInfo>> ListSessionsAsync(Guid userId, Guid currentSessionId, CancellationToken cancellationToken)
    {
        var list = await sessionStore.ListActiveAsync(userId, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return [.. list.Select(s => new SessionInfo(s.Id, s.CreatedAt, s.LastSeenAt, s.IpAddress, s.UserAgent, s.Id == currentSessionId))];
    }

    /// <summary>The name login-history cursors are bound to.</summary>
    public const string LoginHistoryList = "login-history";

    public Task<RbacResult<PagedResult<LoginHistoryItem>>> GetLoginHistoryAsync(Guid userId, int page, int pageSize, CancellationToken cancellationToken) =>
        GetLoginHistoryAsync(userId, page, pageSize, null, cancellationToken);

    public async Task<RbacResult<PagedResult<LoginHistoryItem>>> GetLoginHistoryAsync(Guid userId, int page, int pageSize, string? cursor, CancellationToken cancellationToken)
    {
        if (Paging.Validate(page, pageSize, cursor, LoginHistoryList, PageKeyKind.Time, out var request) is { } invalid)
        {
            return invalid;
        }

        // Retention is the lower time bound of every history query (events beyond it are being deleted anyway).
        var since = time.GetUtcNow() - _options.LoginHistory.Retention;
        var events = await loginEvents.GetPageAsync(userId, since, request, cancellationToken).ConfigureAwait(false);
        return events.Map(e => new LoginHistoryItem(e.At, e.IpAddress, e.UserAgent, e.Succeeded, e.Provider));
    }

    public async Task<IReadOnlyList<string>> GetPermissionsAsync(Guid userId, CancellationToken cancellationToken)
    {
        var authorization = await state.GetUserAsync(userId, 0, cancellationToken).ConfigureAwait(false);
        return authorization is { IsActive: true } ? catalog.GetNames(authorization.Permissions) : [];
    }

    private async Task<UserProfile> ProfileAsync(User user, CancellationToken cancellationToken)
    {
        var held = await roles.GetRolesOfUserAsync(user.Id, cancellationToken).ConfigureAwait(false);
        return ToProfile(user, [.. held.Select(r => r.Name).Order(StringComparer.Ordinal)]);
    }

    internal static UserProfile ToProfile(User user, IReadOnlyList<string> roleNames) =>
        new(user.Id, user.Email, user.FirstName, user.LastName, user.MiddleName, roleNames, user.MfaEnabled, user.IsActive, user.CreatedAt, user.EmailConfirmed);

    internal static RbacError EmailTaken() =>
        new(RbacErrorKind.Conflict, RbacErrorCodes.EmailTaken, "An account with this email already exists.");

    private static RbacError Conflict() =>
        new(RbacErrorKind.Conflict, RbacErrorCodes.ConcurrencyConflict, "The account changed at the same time; reload and try again.");
}
