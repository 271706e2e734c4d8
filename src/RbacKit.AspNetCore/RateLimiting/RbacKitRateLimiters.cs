using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace RbacKit.AspNetCore;

/// <summary>One partitioned sliding-window limiter per <see cref="RateLimitPolicy"/>, timed by <see cref="TimeProvider"/>.</summary>
internal sealed class RbacKitRateLimiters
{
    private readonly bool _enabled;
    private readonly Dictionary<RateLimitPolicy, SlidingWindowCounter> _limiters = [];
    private readonly TimeProvider _time;

    public RbacKitRateLimiters(IOptions<RbacKitRateLimitOptions> options, TimeProvider time)
    {
        _time = time;
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

    /// <summary>Takes one permit for <paramref name="key"/>; returns the time left until a permit frees (for <c>Retry-After</c>) when refused.</summary>
    public TimeSpan? TryAcquire(RateLimitPolicy policy, string key)
    {
        if (!_enabled || !_limiters.TryGetValue(policy, out var limiter))
        {
            return null;
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
    }
}
