using RbacKit.Accounts.Recovery;
using RbacKit.Mail;

namespace RbacKit.Testing;

public sealed partial class InMemoryStore
{
    private readonly Dictionary<string, MailToken> _mailTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, OutboxMessage> _outbox = [];

    /// <summary>The queued mail, oldest first (copies).</summary>
    public IReadOnlyList<OutboxMessage> Outbox
    {
        get
        {
            lock (_lock)
            {
                return [.. _outbox.Values.OrderBy(m => m.Id).Select(Clone)];
            }
        }
    }

    // ---- mail tokens
    public Task AddAsync(MailToken token, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _mailTokens[Convert.ToHexString(token.TokenHash)] = Clone(token);
            return Task.CompletedTask;
        }
    }

    public Task<MailToken?> TryConsumeAsync(byte[] tokenHash, MailTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_mailTokens.TryGetValue(Convert.ToHexString(tokenHash), out var token) && token.Purpose == purpose && token.UsedAt is null && now <= token.ExpiresAt)
            {
                var used = token with { UsedAt = now };
                _mailTokens[Convert.ToHexString(tokenHash)] = used;
                return Task.FromResult<MailToken?>(Clone(used));
            }

            return Task.FromResult<MailToken?>(null);
        }
    }

    public Task RevokeAsync(Guid userId, MailTokenPurpose purpose, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var key in _mailTokens.Where(t => t.Value.UserId == userId && t.Value.Purpose == purpose && t.Value.UsedAt is null).Select(t => t.Key).ToList())
            {
                _mailTokens.Remove(key);
            }

            return Task.CompletedTask;
        }
    }

    // ---- outbox
    public Task AddAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _outbox[message.Id] = Clone(message);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> ClaimAsync(Guid claimId, DateTimeOffset now, DateTimeOffset claimedUntil, int count, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var due = _outbox.Values.Where(m => m.NextAttemptAt <= now && (m.ClaimedUntil is null || m.ClaimedUntil < now))
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(count).ToList();
            var claimed = due.Select(m => m with { ClaimId = claimId, ClaimedUntil = claimedUntil }).ToList();
            foreach (var m in claimed)
            {
                _outbox[m.Id] = m;
            }

            return Task.FromResult<IReadOnlyList<OutboxMessage>>([.. claimed.Select(Clone)]);
        }
    }

    public Task CompleteAsync(Guid messageId, Guid claimId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_outbox.TryGetValue(messageId, out var m) && m.ClaimId == claimId)
            {
                _outbox.Remove(messageId);
            }

            return Task.CompletedTask;
        }
    }

    public Task RetryLaterAsync(Guid messageId, Guid claimId, DateTimeOffset nextAttemptAt, string failure, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_outbox.TryGetValue(messageId, out var m) && m.ClaimId == claimId)
            {
                _outbox[messageId] = m with { Attempts = m.Attempts + 1, NextAttemptAt = nextAttemptAt, LastError = failure, ClaimId = null, ClaimedUntil = null };
            }

            return Task.CompletedTask;
        }
    }

    public Task<int> CountAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_outbox.Count);
        }
    }

    private static MailToken Clone(MailToken t) => new()
    {
        TokenHash = [.. t.TokenHash], UserId = t.UserId, Purpose = t.Purpose, NewEmail = t.NewEmail, CreatedAt = t.CreatedAt, ExpiresAt = t.ExpiresAt, UsedAt = t.UsedAt,
    };

    private static OutboxMessage Clone(OutboxMessage m) => new()
    {
        Id = m.Id, To = m.To, ProtectedContent = [.. m.ProtectedContent], CreatedAt = m.CreatedAt, NextAttemptAt = m.NextAttemptAt, Attempts = m.Attempts,
        ClaimId = m.ClaimId, ClaimedUntil = m.ClaimedUntil, LastError = m.LastError,
    };
}
