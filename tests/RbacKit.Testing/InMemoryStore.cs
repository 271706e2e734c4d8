using System.Text.Json;
using RbacKit.Accounts.Recovery;
using RbacKit.Domain;
using RbacKit.Mail;
using RbacKit.Stores;

namespace RbacKit.Testing;

/// <summary>
/// An in-memory implementation of every store interface, for unit tests of the services. One lock guards all state. This
/// file: state, users and helpers; roles and grants, sessions, and the append-only records live in the other parts.
/// </summary>
public sealed partial class InMemoryStore : IUserStore, IRoleStore, ISessionStore, ILoginEventStore, IAuditEventStore, ISigningKeyStore, IRecoveryCodeStore, IPermissionDefinitionStore, IMailTokenStore, IMailOutboxStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, User> _users = [];
    private readonly Dictionary<Guid, Role> _roles = [];
    private readonly List<UserRole> _userRoles = [];
    private readonly Dictionary<Guid, Session> _sessions = [];
    private readonly Dictionary<string, RefreshToken> _tokens = new(StringComparer.Ordinal);
    private readonly List<RecoveryCode> _codes = [];
    private readonly Dictionary<string, PermissionDefinition> _permissions = new(StringComparer.Ordinal);

    public List<LoginEvent> LoginEvents { get; } = [];
    public List<AuditEvent> AuditEvents { get; } = [];
    public List<SigningKey> SigningKeys { get; } = [];
    public int AuthorizationLoads { get; private set; }

    /// <summary>How many times a role was read by id (the state cache reloads a changed role this way).</summary>
    public int RoleLoads { get; private set; }

    /// <summary>Sightings written through <see cref="ISessionStore.TouchAsync"/> (one per session per call).</summary>
    public int Touches { get; private set; }

    // ---- users
    public Task<StoreResult> CreateAsync(User user, IReadOnlyCollection<UserRole> initialRoles, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_users.Values.Any(u => u.NormalizedEmail == user.NormalizedEmail || SameSkeleton(u, user)))
            {
                return Task.FromResult(StoreResult.Duplicate);
            }

            _users[user.Id] = Clone(user);
            _userRoles.AddRange(initialRoles.Select(Clone));
            return Task.FromResult(StoreResult.Success);
        }
    }

    public Task<User?> FindByIdAsync(Guid userId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_users.TryGetValue(userId, out var u) ? Clone(u) : null);
        }
    }

    public Task<User?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        User? copy;
        lock (_lock)
        {
            var u = _users.Values.FirstOrDefault(x => x.NormalizedEmail == normalizedEmail);
            copy = u is null ? null : Clone(u);
        }

        if (copy is not null)
        {
            AfterUserReadByEmail?.Invoke(copy.Id);
        }

        return Task.FromResult(copy);
    }

    /// <summary>Runs after a user was read by email and before the caller sees it: lets a test land a concurrent write in between.</summary>
    public Action<Guid>? AfterUserReadByEmail { get; set; }

    public Task<StoreResult> UpdateAsync(User user, Guid expectedConcurrencyStamp, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_users.TryGetValue(user.Id, out var stored))
            {
                return Task.FromResult(StoreResult.NotFound);
            }

            if (stored.ConcurrencyStamp != expectedConcurrencyStamp)
            {
                return Task.FromResult(StoreResult.Conflict);
            }

            if (_users.Values.Any(u => u.Id != user.Id && (u.NormalizedEmail == user.NormalizedEmail || SameSkeleton(u, user))))
            {
                return Task.FromResult(StoreResult.Duplicate);
            }

            _users[user.Id] = stored with
            {
                Email = user.Email,
                NormalizedEmail = user.NormalizedEmail,
                EmailSkeleton = user.EmailSkeleton,
                EmailConfirmed = user.EmailConfirmed,
                FirstName = user.FirstName,
                LastName = user.LastName,
                MiddleName = user.MiddleName,
                PasswordHash = user.PasswordHash,
                MfaEnabled = user.MfaEnabled,
                TotpSecret = user.TotpSecret?.ToArray(),
                PendingTotpSecret = user.PendingTotpSecret?.ToArray(),
                UpdatedAt = user.UpdatedAt,
                ConcurrencyStamp = user.ConcurrencyStamp,
            };
            return Task.FromResult(StoreResult.Success);
        }
    }

    public Task<IReadOnlyList<User>> ListWithoutEmailSkeletonAsync(Guid? after, int count, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<User>>([.. _users.Values
                .Where(u => u.EmailSkeleton is null && (after is null || u.Id.CompareTo(after.Value) > 0))
                .OrderBy(u => u.Id).Take(count).Select(Clone)]);
        }
    }

    public Task<StoreResult> SetEmailKeysAsync(Guid userId, string normalizedEmail, string emailSkeleton, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_users.TryGetValue(userId, out var stored) || stored.EmailSkeleton is not null)
            {
                return Task.FromResult(StoreResult.NotFound);
            }

            if (_users.Values.Any(u => u.Id != userId && (u.NormalizedEmail == normalizedEmail || u.EmailSkeleton == emailSkeleton)))
            {
                return Task.FromResult(StoreResult.Duplicate);
            }

            _users[userId] = stored with { NormalizedEmail = normalizedEmail, EmailSkeleton = emailSkeleton };
            return Task.FromResult(StoreResult.Success);
        }
    }

    private static bool SameSkeleton(User a, User b) => a.EmailSkeleton is not null && a.EmailSkeleton == b.EmailSkeleton;

    public Task<bool> RecordLoginFailureAsync(Guid userId, int threshold, DateTimeOffset lockoutEnd, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var u = _users[userId];
            if (u.FailedLoginCount + 1 >= threshold)
            {
                _users[userId] = u with { FailedLoginCount = 0, LockoutEnd = lockoutEnd };
                return Task.FromResult(true);
            }

            _users[userId] = u with { FailedLoginCount = u.FailedLoginCount + 1 };
            return Task.FromResult(false);
        }
    }

    public Task<bool> ResetLoginFailuresAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var user = _users[userId];
            if (user.LockoutEnd > now)
            {
                return Task.FromResult(false);
            }

            _users[userId] = user with { FailedLoginCount = 0, LockoutEnd = null };
            return Task.FromResult(true);
        }
    }

    public Task<bool> IsEmailTakenAsync(string normalizedEmail, string? emailSkeleton, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_users.Values.Any(u => u.NormalizedEmail == normalizedEmail || (emailSkeleton is not null && u.EmailSkeleton == emailSkeleton)));
        }
    }

    public Task ClearLockoutAsync(Guid userId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_users.TryGetValue(userId, out var user))
            {
                _users[userId] = user with { FailedLoginCount = 0, LockoutEnd = null };
            }

            return Task.CompletedTask;
        }
    }

    public Task<bool> TryAdvanceTotpStepAsync(Guid userId, long timeStep, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var u = _users[userId];
            if (u.TotpLastStep is { } last && last >= timeStep)
            {
                return Task.FromResult(false);
            }

            _users[userId] = u with { TotpLastStep = timeStep };
            return Task.FromResult(true);
        }
    }

    public Task<PagedResult<User>> SearchAsync(string? search, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        lock (_lock)
        {
            var all = _users.Values.Where(u => search is null || u.Email.Contains(search, StringComparison.OrdinalIgnoreCase)
                || u.FirstName.Contains(search, StringComparison.OrdinalIgnoreCase) || u.LastName.Contains(search, StringComparison.OrdinalIgnoreCase))
                .OrderBy(u => u.NormalizedEmail, StringComparer.Ordinal).ThenBy(u => u.Id).ToList();
            var rest = page.After is { } after
                ? all.Where(u => string.CompareOrdinal(u.NormalizedEmail, after.Text) > 0 || (u.NormalizedEmail == after.Text && u.Id.CompareTo(after.Id) > 0))
                : all.Skip(page.Offset);
            return Task.FromResult(page.ToResult([.. rest.Take(page.Take).Select(Clone)], Math.Min(all.Count, Paging.CountLimit), u => u.NormalizedEmail, u => u.Id));
        }
    }

    private int ActiveHolders(Guid roleId) => _userRoles.Count(ur => ur.RoleId == roleId && _users[ur.UserId].IsActive);

    private void Audit(AuditEvent? audit)
    {
        if (audit is not null)
        {
            AuditEvents.Add(audit);
        }
    }

    private static T Clone<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value))!;
}
