using RbacKit.Domain;
using RbacKit.Stores;

namespace RbacKit.Benchmarks.Infrastructure;

/// <summary>The key ring's store, in memory: all a validator or issuer needs.</summary>
internal sealed class InMemorySigningKeyStore : ISigningKeyStore
{
    private readonly Lock _lock = new();
    private readonly List<SigningKey> _keys = [];

    public Task<IReadOnlyList<SigningKey>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<SigningKey>>([.. _keys.OrderByDescending(k => k.CreatedAt)]);
        }
    }

    public Task AddAsync(SigningKey key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _keys.Add(key);
        }

        return Task.CompletedTask;
    }

    public Task<bool> AddFirstAsync(SigningKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_keys.Any(k => k.Algorithm == key.Algorithm && (k.RetiredAt is null || k.RetiredAt > now) && (k.ExpiresAt is null || k.ExpiresAt > now)))
            {
                return Task.FromResult(false);
            }

            _keys.Add(key);
            return Task.FromResult(true);
        }
    }

    public Task RetireOthersAsync(string exceptKeyId, DateTimeOffset retiredAt, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            for (var i = 0; i < _keys.Count; i++)
            {
                if (_keys[i] is { } key && key.KeyId != exceptKeyId && key.RetiredAt is null)
                {
                    _keys[i] = key with { RetiredAt = retiredAt, ExpiresAt = expiresAt };
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> WithdrawAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var found = false;
            for (var i = 0; i < _keys.Count; i++)
            {
                if (_keys[i] is { } key && key.KeyId == keyId)
                {
                    _keys[i] = key with { RetiredAt = key.RetiredAt is { } retired && retired <= at ? retired : at, ExpiresAt = at };
                    found = true;
                }
            }

            return Task.FromResult(found);
        }
    }
}
