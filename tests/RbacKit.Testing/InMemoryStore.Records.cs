using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.Testing;

/// <summary>Login and audit events, signing keys, recovery codes and permission definitions.</summary>
public sealed partial class InMemoryStore
{
    public Task AppendAsync(LoginEvent loginEvent, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            LoginEvents.Add(loginEvent);
            return Task.CompletedTask;
        }
    }

    public Task<PagedResult<LoginEvent>> GetPageAsync(Guid userId, DateTimeOffset since, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        lock (_lock)
        {
            var all = LoginEvents.Where(e => e.UserId == userId && e.At >= since).OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToList();
            return Task.FromResult(NewestFirst(all, page, e => e.At, e => e.Id));
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

    public Task<PagedResult<AuditEvent>> GetPageAsync(Guid? actorId, string? targetId, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        lock (_lock)
        {
            var all = AuditEvents.Where(e => (actorId is null || e.ActorId == actorId) && (targetId is null || e.TargetId == targetId))
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToList();
            return Task.FromResult(NewestFirst(all, page, e => e.At, e => e.Id));
        }
    }

    /// <summary>A page of a list sorted newest first by (at, id): the offset page or the rows after the cursor.</summary>
    private static PagedResult<T> NewestFirst<T>(List<T> sorted, PageRequest page, Func<T, DateTimeOffset> at, Func<T, Guid> id)
    {
        var rest = page.After is { } after
            ? sorted.Where(e => at(e) < after.At || (at(e) == after.At && id(e).CompareTo(after.Id) < 0))
            : sorted.Skip(page.Offset);
        return page.ToResult([.. rest.Take(page.Take)], Math.Min(sorted.Count, Paging.CountLimit), at, id);
    }

    // ---- signing keys
    Task<IReadOnlyList<SigningKey>> ISigningKeyStore.ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<SigningKey>>([.. SigningKeys.OrderByDescending(k => k.CreatedAt).Select(Clone)]);
        }
    }

    public Task<bool> AddFirstAsync(SigningKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (SigningKeys.Any(k => k.Algorithm == key.Algorithm && (k.RetiredAt is null || k.RetiredAt > now) && (k.ExpiresAt is null || k.ExpiresAt > now)))
            {
                return Task.FromResult(false);
            }

            SigningKeys.Add(Clone(key));
            return Task.FromResult(true);
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

    public Task<bool> WithdrawAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var found = false;
            for (var i = 0; i < SigningKeys.Count; i++)
            {
                if (SigningKeys[i] is { } k && k.KeyId == keyId)
                {
                    SigningKeys[i] = k with { RetiredAt = k.RetiredAt is { } retired && retired <= at ? retired : at, ExpiresAt = at };
                    found = true;
                }
            }

            return Task.FromResult(found);
        }
    }

    public Task RetireOthersAsync(string exceptKeyId, DateTimeOffset retiredAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            for (var i = 0; i < SigningKeys.Count; i++)
            {
                if (SigningKeys[i] is { } k && k.KeyId != exceptKeyId && k.RetiredAt is null)
                {
                    SigningKeys[i] = k with { RetiredAt = retiredAt, ExpiresAt = expiresAt };
                }
            }

            return Task.CompletedTask;
        }
    }

    // ---- recovery codes
    public Task ReplaceAsync(Guid userId, IReadOnlyCollection<RecoveryCode> codes, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _codes.RemoveAll(c => c.UserId == userId);
            _codes.AddRange(codes.Select(c => new RecoveryCode { Id = c.Id, UserId = userId, Salt = c.Salt, Iterations = c.Iterations, CodeHash = c.CodeHash }));
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<RecoveryCode>> ListUnusedAsync(Guid userId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<RecoveryCode>>([.. _codes.Where(c => c.UserId == userId && c.UsedAt is null)
                .Select(c => new RecoveryCode { Id = c.Id, UserId = c.UserId, Salt = c.Salt, Iterations = c.Iterations, CodeHash = c.CodeHash })]);
        }
    }

    public Task<bool> TryConsumeAsync(Guid userId, Guid codeId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var index = _codes.FindIndex(c => c.Id == codeId && c.UserId == userId && c.UsedAt is null);
            if (index < 0)
            {
                return Task.FromResult(false);
            }

            _codes[index] = _codes[index] with { UsedAt = now };
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
}
