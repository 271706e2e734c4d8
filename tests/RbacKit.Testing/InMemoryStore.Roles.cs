using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.Testing;

/// <summary>Roles, user-role grants and the authorization data built from them.</summary>
public sealed partial class InMemoryStore
{
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
            RoleLoads++;
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

    public Task<StoreResult> UpdateAsync(Role role, Guid expectedConcurrencyStamp, AuditEvent? audit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_roles.TryGetValue(role.Id, out var stored))
            {
                return Task.FromResult(StoreResult.NotFound);
            }

            if (stored.ConcurrencyStamp != expectedConcurrencyStamp)
            {
                return Task.FromResult(StoreResult.Conflict);
            }

            if (_roles.Values.Any(r => r.Id != role.Id && r.NormalizedName == role.NormalizedName))
            {
                return Task.FromResult(StoreResult.Duplicate);
            }

            _roles[role.Id] = Clone(role with { Version = stored.Version + 1 });
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
            _users[grant.UserId] = user with { AuthorizationVersion = user.AuthorizationVersion + 1 };
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
            _users[userId] = _users[userId] with { AuthorizationVersion = _users[userId].AuthorizationVersion + 1 };
            Audit(audit);
            return Task.FromResult(StoreResult.Success);
        }
    }

    public Task<StoreResult> DeactivateAsync(Guid userId, Guid? guardedRoleId, DateTimeOffset at, CancellationToken cancellationToken)
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

            _users[userId] = u with
            {
                IsActive = false,
                DeactivatedAt = at,
                AuthorizationVersion = u.AuthorizationVersion + 1,
                ConcurrencyStamp = Guid.CreateVersion7(),
            };
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
}
