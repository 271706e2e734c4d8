using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace RbacKit.AspNetCore;

/// <summary>
/// One partitioned sliding-window limiter per <see cref="RateLimitPolicy"/>, timed by <see cref="TimeProvider"/>. With
/// Redis configured (<c>AddRedis</c>) every instance counts in Redis, so N instances share one budget; while Redis cannot
/// answer, each instance falls back to its own counters (logged once per outage) and tries Redis again after a few seconds.
/// </summary>
internal sealed class RbacKitRateLimiters
{
    private static readonly TimeSpan RedisRetry = TimeSpan.FromSeconds(5);
    private readonly bool _enabled;
    private readonly Dictionary<RateLimitPolicy, SlidingWindowCounter> _limiters = [];
    private readonly Dictionary<RateLimitPolicy, RbacKitRateLimit> _limits = [];
    private readonly Dictionary<string, (SlidingWindowCounter Counter, RbacKitRateLimit Limit)> _roles = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _time;
    private readonly RedisRateLimitCounter? _redis;
    private readonly ILogger<RbacKitRateLimiters> _logger;
    private long _redisDownUntil = long.MinValue;

    public RbacKitRateLimiters(IOptions<RbacKitRateLimitOptions> options, TimeProvider time, IServiceProvider services, ILogger<RbacKitRateLimiters> logger)
    {
        _time = time;
        _logger = logger;
        var value = options.Value;
        _redis = services.GetService<RedisConnection>() is { } connection
            ? new RedisRateLimitCounter(connection, services.GetRequiredService<IOptions<RbacKitRedisOptions>>(), value.RedisTimeout)
            : null;
        _enabled = value.Enabled;
        Add(RateLimitPolicy.Login, value.Login);
        Add(RateLimitPolicy.LoginPerAccount, value.LoginPerAccount);
        Add(RateLimitPolicy.Register, value.Register);
        Add(RateLimitPolicy.Refresh, value.Refresh);
        Add(RateLimitPolicy.Mfa, value.Mfa);
        Add(RateLimitPolicy.AccountProof, value.AccountProof);
        Add(RateLimitPolicy.Recovery, value.Recovery);
        Add(RateLimitPolicy.RecoveryPerEmail, value.RecoveryPerEmail);
        foreach (var (role, limit) in value.Roles)
        {
            if (limit.PermitLimit > 0 && limit.Window > TimeSpan.Zero)
            {
                _roles[role] = (new SlidingWindowCounter(limit.PermitLimit, limit.Window, limit.SegmentsPerWindow, _time), limit);
            }
        }

        HasRoleLimits = _enabled && _roles.Count > 0;
    }

    /// <summary>Whether any role has a limit (false when limits are off), so callers skip the per-request check otherwise.</summary>
    public bool HasRoleLimits { get; }

    /// <summary>
    /// Takes one permit for <paramref name="subject"/> under the most generous limit among <paramref name="roles"/>; null
    /// when granted or when no role has a limit, else the time until a permit frees.
    /// </summary>
    public ValueTask<TimeSpan?> TryAcquireForRolesAsync(IReadOnlyList<string> roles, string subject, CancellationToken cancellationToken)
    {
        string? chosen = null;
        double best = 0;
        foreach (var role in roles)
        {
            if (_roles.TryGetValue(role, out var entry) && entry.Limit.PermitLimit / entry.Limit.Window.TotalSeconds is var rate && rate > best)
            {
                (chosen, best) = (role, rate);
            }
        }

        if (!HasRoleLimits || chosen is null)
        {
            return ValueTask.FromResult<TimeSpan?>(null);
        }

        var (counter, limit) = _roles[chosen];
        return AcquireAsync(RateLimitPolicy.Role, limit, counter, $"{chosen}:{subject}", cancellationToken);
    }

    /// <summary>Whether limits are shared through Redis right now (false without Redis, and during a Redis outage).</summary>
    public bool IsShared => _redis is not null && _time.GetUtcNow().UtcTicks >= Interlocked.Read(ref _redisDownUntil);

    /// <summary>Takes one permit for <paramref name="key"/>; returns the time left until a permit frees (for <c>Retry-After</c>) when refused.</summary>
    public async ValueTask<TimeSpan?> TryAcquireAsync(RateLimitPolicy policy, string key, CancellationToken cancellationToken)
    {
        if (!_enabled || !_limiters.TryGetValue(policy, out var limiter))
        {
            return null;
        }

        return await AcquireAsync(policy, _limits[policy], limiter, key, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<TimeSpan?> AcquireAsync(RateLimitPolicy policy, RbacKitRateLimit limit, SlidingWindowCounter limiter, string key, CancellationToken cancellationToken)
    {
        if (_redis is not null && IsShared)
        {
            try
            {
                var wait = await _redis.TryAcquireAsync(policy, limit, key, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                if (Interlocked.Exchange(ref _redisDownUntil, long.MinValue) != long.MinValue)
                {
                    AspNetCoreLog.RateLimitsShared(_logger);
                }

                return wait;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                // Local counting until Redis answers again: never fail the request, never fail open.
                if (Interlocked.Exchange(ref _redisDownUntil, (_time.GetUtcNow() + RedisRetry).UtcTicks) == long.MinValue)
                {
                    AspNetCoreLog.RateLimitsLocal(_logger, e.GetType().Name);
                }
            }
        }

        return limiter.TryAcquire(key);
    }

    /// <summary>The partition of a client address: the address, or its /64 network for IPv6.</summary>
    public static string ClientKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }

    private void Add(RateLimitPolicy policy, RbacKitRateLimit limit)
    {
        if (limit.PermitLimit <= 0 || limit.Window <= TimeSpan.Zero)
        {
            return;
        }

        _limiters[policy] = new SlidingWindowCounter(limit.PermitLimit, limit.Window, limit.SegmentsPerWindow, _time);
        _limits[policy] = limit;
    }
}
