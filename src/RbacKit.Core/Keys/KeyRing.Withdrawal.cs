using System.Collections.Frozen;
using RbacKit.Caching;
using RbacKit.Stores;

namespace RbacKit.Keys;

/// <summary>Emergency withdrawal of a key, and what the ring does with key changes announced by other instances.</summary>
internal sealed partial class KeyRing
{
    public async Task<KeyWithdrawalResult> WithdrawAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        await ReloadAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var snapshot = _snapshot!;
        if (!snapshot.Keys.ContainsKey(keyId))
        {
            return KeyWithdrawalResult.NotFound;
        }

        if (!snapshot.Keys.Values.Any(k => k.KeyId != keyId && k.Algorithm == _options.Algorithm && CanSign(k, now)))
        {
            CoreLog.KeyWithdrawalRefused(_logger, keyId);
            return KeyWithdrawalResult.OnlySigningKey;
        }

        if (!await _scopes.InScopeAsync<ISigningKeyStore, bool>(s => s.WithdrawAsync(keyId, now, cancellationToken)).ConfigureAwait(false))
        {
            return KeyWithdrawalResult.NotFound;
        }

        var changeId = KeyIds.ToChangeId(keyId);
        Drop(changeId);
        CoreLog.KeyWithdrawn(_logger, keyId);
        await _feed.PublishAsync(new AuthorizationChange(AuthorizationChangeKind.SigningKeyWithdrawn, changeId), cancellationToken).ConfigureAwait(false);
        await ReloadAsync(cancellationToken).ConfigureAwait(false);
        return KeyWithdrawalResult.Withdrawn;
    }

    private void OnChange(AuthorizationChange change)
    {
        switch (change.Kind)
        {
            case AuthorizationChangeKind.SigningKeyWithdrawn:
                // Dropped at once, without waiting for the store; the reload below cannot bring it back.
                Drop(change.Id);
                _ = ReloadInBackgroundAsync();
                break;
            case AuthorizationChangeKind.SigningKeys:
            case AuthorizationChangeKind.Everything:
                _ = ReloadInBackgroundAsync();
                break;
        }
    }

    /// <summary>Remembers a withdrawn key (by its change id) for the life of the process and removes it from the current snapshot.</summary>
    private void Drop(Guid changeId)
    {
        _withdrawn.TryAdd(changeId, 0);
        while (_snapshot is { } snapshot)
        {
            var kept = snapshot.Keys.Values.Where(k => KeyIds.ToChangeId(k.KeyId) != changeId).ToList();
            if (kept.Count == snapshot.Keys.Count
                || Interlocked.CompareExchange(ref _snapshot, snapshot with { Keys = kept.ToFrozenDictionary(k => k.KeyId, StringComparer.Ordinal) }, snapshot) == snapshot)
            {
                return;
            }
        }
    }

    private async Task ReloadInBackgroundAsync()
    {
        try
        {
            await Task.Yield();
            await ReloadAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (!_stopping.IsCancellationRequested)
            {
                CoreLog.KeyRingReloadFailed(_logger, e);
            }
        }
    }
}
