using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RbacKit.AspNetCore;

/// <summary>
/// The sliding-window count of <see cref="SlidingWindowCounter"/>, kept in Redis so that every instance draws on one
/// budget: one counter key per partition and segment (aligned to the clock), summed and incremented by one Lua script,
/// so the check and the take are atomic across instances. Keys live under <c>{Channel}:rl:</c> (instances that share a
/// channel share budgets) and partitions are hashed: no email or address is stored.
/// </summary>
internal sealed class RedisRateLimitCounter(RedisConnection connection, IOptions<RbacKitRedisOptions> options, TimeSpan timeout)
{
    // KEYS[1]: key prefix; ARGV: current segment, segments per window, limit, segment length (ms).
    // Returns -1 when a permit was taken, else the oldest segment that still counts (the caller computes the wait).
    private static readonly LuaScript Script = LuaScript.Prepare("""
        local prefix = @prefix
        local current = tonumber(@current)
        local segments = tonumber(@segments)
        local total = 0
        local oldest = -1
        for s = current - segments + 1, current do
          local count = tonumber(redis.call('GET', prefix .. s) or '0')
          if count > 0 and oldest < 0 then oldest = s end
          total = total + count
        end
        if total < tonumber(@limit) then
          local key = prefix .. current
          redis.call('INCR', key)
          redis.call('PEXPIRE', key, segments * tonumber(@segmentMs) + 1000)
          return -1
        end
        return oldest
        """);

    /// <summary>Takes one permit; null when granted, else the time until one is free. Throws when Redis cannot answer within the timeout.</summary>
    public async Task<TimeSpan?> TryAcquireAsync(RateLimitPolicy policy, RbacKitRateLimit limit, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var segments = Math.Max(1, limit.SegmentsPerWindow);
        var segmentTicks = Math.Max(TimeSpan.TicksPerMillisecond, limit.Window.Ticks / segments);
        var current = now.UtcTicks / segmentTicks;
        var database = (await connection.GetAsync().WaitAsync(timeout, cancellationToken).ConfigureAwait(false)).GetDatabase();
        var result = (long)await Script.EvaluateAsync(database, new
        {
            prefix = (RedisKey)Prefix(options.Value.Channel, policy, key),
            current,
            segments,
            limit = limit.PermitLimit,
            segmentMs = segmentTicks / TimeSpan.TicksPerMillisecond,
        }).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        return result < 0 ? null : TimeSpan.FromTicks(((result + segments) * segmentTicks) - now.UtcTicks);
    }

    private static string Prefix(string channel, RateLimitPolicy policy, string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return $"{channel}:rl:{policy}:{Convert.ToHexString(hash[..16])}:";
    }
}
