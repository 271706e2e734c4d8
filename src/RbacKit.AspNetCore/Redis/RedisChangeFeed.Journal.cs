using RbacKit.Caching;
using StackExchange.Redis;

namespace RbacKit.AspNetCore;

/// <summary>
/// The journal of the Redis change feed: a sorted set <c>{channel}:journal</c> of <c>kind|id</c> scored by the change's
/// time in Unix milliseconds, trimmed to <see cref="RbacKitRedisOptions.JournalRetention"/> on every write and expiring
/// with it. A change is journaled before it is published, so a subscriber that reads the journal after subscribing misses
/// nothing. Only session, user, role and OAuth client changes are journaled.
/// </summary>
internal sealed partial class RedisChangeFeed : IChangeJournal
{
    private const string JournalInstance = "j";

    public event Action<AuthorizationChange, DateTimeOffset>? Replayed;

    private RedisKey JournalKey => _options.Channel + ":journal";

    private Task RecordAsync(IConnectionMultiplexer multiplexer, int kind, Guid id)
    {
        if (_options.JournalRetention <= TimeSpan.Zero
            || kind is not ((int)AuthorizationChangeKind.User or (int)AuthorizationChangeKind.Session or (int)AuthorizationChangeKind.Role or (int)AuthorizationChangeKind.Client))
        {
            return Task.CompletedTask;
        }

        var database = multiplexer.GetDatabase();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var batch = database.CreateBatch();
        var add = batch.SortedSetAddAsync(JournalKey, ChangeMessage.Encode(kind, id, JournalInstance), now);
        var trim = batch.SortedSetRemoveRangeByScoreAsync(JournalKey, double.NegativeInfinity, now - _options.JournalRetention.TotalMilliseconds, Exclude.Stop);
        var expire = batch.KeyExpireAsync(JournalKey, _options.JournalRetention);
        batch.Execute();
        return Task.WhenAll(add, trim, expire);
    }

    private async Task ReplayAsync(IConnectionMultiplexer multiplexer, CancellationToken cancellationToken)
    {
        if (Replayed is not { } replayed || _options.JournalRetention <= TimeSpan.Zero)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var entries = await multiplexer.GetDatabase()
            .SortedSetRangeByScoreWithScoresAsync(JournalKey, (now - _options.JournalRetention).ToUnixTimeMilliseconds(), double.PositiveInfinity)
            .WaitAsync(SendTimeout, _time, cancellationToken).ConfigureAwait(false);
        foreach (var entry in entries)
        {
            if (ChangeMessage.TryDecode(entry.Element, out var kind, out var id, out _) && kind != ChangeMessage.ProbeKind
                && entry.Score is >= 0 and < 253_402_300_800_000)
            {
                replayed(new AuthorizationChange((AuthorizationChangeKind)kind, id), DateTimeOffset.FromUnixTimeMilliseconds((long)entry.Score));
            }
            else
            {
                AspNetCoreLog.Malformed(_logger, JournalKey.ToString());
            }
        }
    }
}
