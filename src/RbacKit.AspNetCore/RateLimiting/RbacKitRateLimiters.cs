using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace RbacKit.AspNetCore;

/// <summary>One partitioned sliding-window limiter per <see cref="RateLimitPolicy"/> (System.Threading.RateLimiting).</summary>
internal sealed class RbacKitRateLimiters : IAsyncDisposable
{
    private readonly bool _enabled;
    private readonly Dictionary<RateLimitPolicy, PartitionedRateLimiter<string>> _limiters = [];
    private readonly Dictionary<RateLimitPolicy, TimeSpan> _windows = [];

    public RbacKitRateLimiters(IOptions<RbacKitRateLimitOptions> options)
    {
        var value = options.Value;
        _enabled = value.Enabled;
        Add(RateLimitPolicy.Login, value.Login);
        Add(RateLimitPolicy.LoginPerAccount, value.LoginPerAccount);
        Add(RateLimitPolicy.Register, value.Register);
        Add(RateLimitPolicy.Refresh, value.Refresh);
        Add(RateLimitPolicy.Mfa, value.Mfa);
        Add(RateLimitPolicy.AccountProof, value.AccountProof);
        Add(RateLimitPolicy.Recovery, value.Recovery);
        Add(RateLimitPolicy.RecoveryPerEmail, value.RecoveryPerEmail);
    }

    /// <summary>Takes one permit for <paramref name="key"/>; returns the wait to advertise in <c>Retry-After</c> when refused.</summary>
    public TimeSpan? TryAcquire(RateLimitPolicy policy, string key)
    {
        if (!_enabled || !_limiters.TryGetValue(policy, out var limiter))
        {
            return null;
        }

        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero
            ? retryAfter
            : _windows[policy];
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

    public async ValueTask DisposeAsync()
    {
        foreach (var limiter in _limiters.Values)
        {
            await limiter.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Add(RateLimitPolicy policy, RbacKitRateLimit limit)
    {
        if (limit.PermitLimit <= 0 || limit.Window <= TimeSpan.Zero)
        {
            return;
        }

        var options = new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            SegmentsPerWindow = Math.Max(1, limit.SegmentsPerWindow),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiters[policy] = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => options));
        _windows[policy] = limit.Window;
    }
}
