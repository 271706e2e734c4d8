using System.Text.Json;
using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.Testing;

/// <summary>An in-memory implementation of every store interface, for unit tests of the services. One lock guards all state.</summary>
public sealed class InMemoryStore : IUserStore, IRoleStore, ISessionStore, ILoginEventStore, IAuditEventStore, ISigningKeyStore, IRecoveryCodeStore, IPermissionDefinitionStore
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

    // ---- users
    public Task<StoreResult> CreateAsync(User user, IReadOnlyCollection<UserRole> initialRoles, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_users.Values.Any(u => u.NormalizedEmail == user.NormalizedEmail))
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

    public Task<StoreResult> UpdateAsync(User user, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_users.TryGetValue(user.Id, out var stored))
            {
                return Task.FromResult(StoreResult.NotFound);
            }

            if (stored.ConcurrencyStamp != user.ConcurrencyStamp)
            {
                return Task.FromResult(StoreResult.Conflict);
            }

            if (_users.Values.Any(u => u.Id != user.Id && u.NormalizedEmail == user.NormalizedEmail))
            {
                return Task.FromResult(StoreResult.Duplicate);
            }

            user.ConcurrencyStamp = Guid.CreateVersion7();
            stored.Email = user.Email;
            stored.NormalizedEmail = user.NormalizedEmail;
            stored.FirstName = user.FirstName;
            stored.LastName = user.LastName;
            stored.MiddleName = user.MiddleName;
            stored.PasswordHash = user.PasswordHash;
            stored.MfaEnabled = user.MfaEnabled;
            stored.TotpSecret = user.TotpSecret;
            stored.PendingTotpSecret = user.PendingTotpSecret;
            stored.UpdatedAt = user.UpdatedAt;
            stored.ConcurrencyStamp = user.ConcurrencyStamp;
            return Task.FromResult(StoreResult.Success);
        }
    }

    public Task<bool> RecordLoginFailureAsync(Guid userId, int threshold, DateTimeOffset lockoutEnd, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var u = _users[userId];
            u.FailedLoginCount++;
            if (u.FailedLoginCount >= threshold)
            {
                u.FailedLoginCount = 0;
                u.LockoutEnd = lockoutEnd;
                return Task.FromResult(true);
            }

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

            user.FailedLoginCount = 0;
            user.LockoutEnd = null;
            return Task.FromResult(true);
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

            u.TotpLastStep = timeStep;
            return Task.FromResult(true);
        }
    }

    public Task<PagedResult<User>> SearchAsync(string? search, int page, int pageSize, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var all = _users.Values.Where(u => search is null || u.Email.Contains(search, StringComparison.OrdinalIgnoreCase)
                || u.FirstName.Contains(search, StringComparison.OrdinalIgnoreCase) || u.LastName.Contains(search, StringComparison.OrdinalIgnoreCase))
                .OrderBy(u => u.NormalizedEmail, StringComparer.Ordinal).ToList();
            return Task.FromResult(new PagedResult<User>([.. all.Skip((page - 1) * pageSize).Take(pageSize).Select(Clone)], page, pageSize, all.Count));
        }
    }

    // ---- roles
    public Task<IReadOnlyList<Role>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Role>>([.. _roles.Values.OrderBy(r => r.Name, StringComparer.Ordinal).Select(Clone)]);
        }
    }

    Task<Role?> IRoleStore.FindByIdAsync(Guid roleId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_roles.TryGetValue(roleId, out var r) ? Clone(r) : null);
        }
    }

    public Task<Role?> FindByNameAsync(string normalizedName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var r = _roles.Values.FirstOrDefault(x => x.NormalizedName == normalizedName);
            return Task.FromResult(r is null ? null : Clone(r));
        }
    }

    public Task<StoreResult> CreateAsync(Role role, AuditEvent? audit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_roles.Values.Any(r => r.NormalizedName == role.NormalizedName))
            {
                return Task.FromResult(StoreResult.Duplicate);
            }

            _roles[role.Id] = Clone(role);
            Audit(audit);
            return Task.FromResult(StoreResult.Success);
        }
    }

    public Task<StoreResult> UpdateAsync(Role role, AuditEvent? audit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_roles.TryGetValue(role.Id, out var stored))
            {
                return Task.FromResult(StoreResult.NotFound);
            }

            if (stored.ConcurrencyStamp != role.ConcurrencyStamp)
            {
                return Task.FromResult(StoreResult.Conflict);
            }

            if (_roles.Values.Any(r => r.Id != role.Id && r.NormalizedName == role.NormalizedName))
            {
                return Task.FromResult(StoreResult.Duplicate);
            }

            role.ConcurrencyStamp = Guid.CreateVersion7();
            role.Version = stored.Version + 1;
            _roles[role.Id] = Clone(role);
            BumpHolders(role.Id);
            Audit(audit);
            return Task.FromResult(StoreResult.Success);
        }
    }

    public Task<StoreResult> DeleteAsync(Guid roleId, AuditEvent? audit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_roles.Remove(roleId))
            {
                return Task.FromResult(StoreResult.NotFound);
            }

            BumpHolders(roleId);
            _userRoles.RemoveAll(ur => ur.RoleId == roleId);
            Audit(audit);
            return Task.FromResult(StoreResult.Success);
        }
    }

    public Task<IReadOnlyList<Role>> GetRolesOfUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Role>>([.. _userRoles.Where(ur => ur.UserId == userId).Select(ur => Clone(_roles[ur.RoleId]))]);
        }
    }

    public Task<StoreResult> AddUserRoleAsync(UserRole grant, AuditEvent? audit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_users.TryGetValue(grant.UserId, out var user) || !_roles.ContainsKey(grant.RoleId))
            {
                return Task.FromResult(StoreResult.NotFound);
            }

            if (_userRoles.Any(ur => ur.UserId == grant.UserId && ur.RoleId == grant.RoleId))
            {
                return Task.FromResult(StoreResult.Duplicate);
            }

            _userRoles.Add(Clone(grant));
            user.AuthorizationVersion++;
            Audit(audit);
            return Task.FromResult(StoreResult.Success);
        }
    }

    public Task<StoreResult> RemoveUserRoleAsync(Guid userId, Guid roleId, bool keepOneActiveHolder, AuditEvent? audit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var grant = _userRoles.FirstOrDefault(ur => ur.UserId == userId && ur.RoleId == roleId);
            if (grant is null)
            {
                return Task.FromResult(StoreResult.NotFound);
            }

            if (keepOneActiveHolder && ActiveHolders(roleId) <= 1 && _users[userId].IsActive)
            {
                return Task.FromResult(StoreResult.LastHolder);
            }

            _userRoles.Remove(grant);
            _users[userId].AuthorizationVersion++;
            Audit(audit);
            return Task.FromResult(StoreResult.Success);
        }
    }

    public Task<StoreResult> DeactivateUserAsync(Guid userId, Guid? guardedRoleId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_users.TryGetValue(userId, out var u) || !u.IsActive)
            {
                return Task.FromResult(StoreResult.NotFound);
            }

            if (guardedRoleId is { } roleId && _userRoles.Any(ur => ur.UserId == userId && ur.RoleId == roleId) && ActiveHolders(roleId) <= 1)
            {
                return Task.FromResult(StoreResult.LastHolder);
            }

            u.IsActive = false;
            u.DeactivatedAt = at;
            u.AuthorizationVersion++;
            u.ConcurrencyStamp = Guid.CreateVersion7();
            return Task.FromResult(StoreResult.Success);
        }
    }

    public Task<UserAuthorizationData?> GetAuthorizationDataAsync(Guid userId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            AuthorizationLoads++;
            if (!_users.TryGetValue(userId, out var u))
            {
                return Task.FromResult<UserAuthorizationData?>(null);
            }

            var roles = _userRoles.Where(ur => ur.UserId == userId).Select(ur => _roles[ur.RoleId])
                .Select(r => new RoleGrantData(r.Id, r.Name, r.Version, [.. r.Permissions.Select(p => p.Permission)])).ToList();
            return Task.FromResult<UserAuthorizationData?>(new UserAuthorizationData(userId, u.IsActive, u.AuthorizationVersion, roles));
        }
    }

    // ---- sessions
    public Task CreateAsync(Session session, RefreshToken firstToken, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _sessions[session.Id] = Clone(session);
            _tokens[Convert.ToHexString(firstToken.TokenHash)] = Clone(firstToken);
            return Task.CompletedTask;
        }
    }

    public Task<Session?> FindAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_sessions.TryGetValue(sessionId, out var s) ? Clone(s) : null);
        }
    }

    public Task<IReadOnlyList<Session>> ListActiveAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Session>>([.. _sessions.Values.Where(s => s.UserId == userId && s.IsActiveAt(now)).OrderByDescending(s => s.CreatedAt).Select(Clone)]);
        }
    }

    public Task<RefreshToken?> FindRefreshTokenAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_tokens.TryGetValue(Convert.ToHexString(tokenHash), out var t) ? Clone(t) : null);
        }
    }

    public Task<bool> TryRotateAsync(byte[] presentedHash, RefreshToken nextToken, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_tokens.TryGetValue(Convert.ToHexString(presentedHash), out var t) || t.ConsumedAt is not null)
            {
                return Task.FromResult(false);
            }

            t.ConsumedAt = now;
            _tokens[Convert.ToHexString(nextToken.TokenHash)] = Clone(nextToken);
            _sessions[t.SessionId].LastSeenAt = now;
            return Task.FromResult(true);
        }
    }

    public Task<bool> RevokeAsync(Guid sessionId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_sessions.TryGetValue(sessionId, out var s) || s.RevokedAt is not null)
            {
                return Task.FromResult(false);
            }

            s.RevokedAt = now;
            s.RevokedReason = reason;
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<Guid>> RevokeAllAsync(Guid userId, Guid? exceptSessionId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var revoked = _sessions.Values.Where(s => s.UserId == userId && s.RevokedAt is null && s.Id != exceptSessionId).ToList();
            foreach (var s in revoked)
            {
                s.RevokedAt = now;
                s.RevokedReason = reason;
            }

            return Task.FromResult<IReadOnlyList<Guid>>([.. revoked.Select(s => s.Id)]);
        }
    }

    // ---- login and audit events
    public Task AppendAsync(LoginEvent loginEvent, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            LoginEvents.Add(loginEvent);
            return Task.CompletedTask;
        }
    }

    public Task<PagedResult<LoginEvent>> GetPageAsync(Guid userId, int page, int pageSize, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var all = LoginEvents.Where(e => e.UserId == userId).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToList();
            return Task.FromResult(new PagedResult<LoginEvent>([.. all.Skip((page - 1) * pageSize).Take(pageSize)], page, pageSize, all.Count));
        }
    }

    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            AuditEvents.Add(auditEvent);
            return Task.CompletedTask;
        }
    }

    public Task<PagedResult<AuditEvent>> GetPageAsync(string? targetId, int page, int pageSize, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var all = AuditEvents.Where(e => targetId is null || e.TargetId == targetId).OrderByDescending(e => e.At).ToList();
            return Task.FromResult(new PagedResult<AuditEvent>([.. all.Skip((page - 1) * pageSize).Take(pageSize)], page, pageSize, all.Count));
        }
    }

    // ---- signing keys
    Task<IReadOnlyList<SigningKey>> ISigningKeyStore.ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<SigningKey>>([.. SigningKeys.OrderByDescending(k => k.CreatedAt).Select(Clone)]);
        }
    }

    public Task AddAsync(SigningKey key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            SigningKeys.Add(Clone(key));
            return Task.CompletedTask;
        }
    }

    public Task RetireOthersAsync(string exceptKeyId, DateTimeOffset retiredAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var k in SigningKeys.Where(k => k.KeyId != exceptKeyId && k.RetiredAt is null))
            {
                k.RetiredAt = retiredAt;
                k.ExpiresAt = expiresAt;
            }

            return Task.CompletedTask;
        }
    }

    // ---- recovery codes
    public Task ReplaceAsync(Guid userId, IReadOnlyCollection<byte[]> codeHashes, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _codes.RemoveAll(c => c.UserId == userId);
            _codes.AddRange(codeHashes.Select(h => new RecoveryCode { UserId = userId, CodeHash = h }));
            return Task.CompletedTask;
        }
    }

    public Task<bool> TryConsumeAsync(Guid userId, byte[] codeHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var code = _codes.FirstOrDefault(c => c.UserId == userId && c.UsedAt is null && c.CodeHash.AsSpan().SequenceEqual(codeHash));
            if (code is null)
            {
                return Task.FromResult(false);
            }

            code.UsedAt = now;
            return Task.FromResult(true);
        }
    }

    public Task DeleteAllAsync(Guid userId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _codes.RemoveAll(c => c.UserId == userId);
            return Task.CompletedTask;
        }
    }

    // ---- permission definitions
    Task<IReadOnlyList<PermissionDefinition>> IPermissionDefinitionStore.ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<PermissionDefinition>>([.. _permissions.Values.OrderBy(p => p.Name, StringComparer.Ordinal)]);
        }
    }

    public Task UpsertAsync(IReadOnlyCollection<PermissionDefinition> definitions, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var d in definitions)
            {
                _permissions[d.Name] = new PermissionDefinition { Name = d.Name, Description = d.Description };
            }

            return Task.CompletedTask;
        }
    }

    private int ActiveHolders(Guid roleId) => _userRoles.Count(ur => ur.RoleId == roleId && _users[ur.UserId].IsActive);

    private void BumpHolders(Guid roleId)
    {
        foreach (var ur in _userRoles.Where(ur => ur.RoleId == roleId))
        {
            _users[ur.UserId].AuthorizationVersion++;
        }
    }

    private void Audit(AuditEvent? audit)
    {
        if (audit is not null)
        {
            AuditEvents.Add(audit);
        }
    }

    private static T Clone<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value))!;
}
