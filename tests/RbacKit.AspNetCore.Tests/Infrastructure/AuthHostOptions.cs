using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace RbacKit.AspNetCore.Tests;

/// <summary>How a test auth host is built.</summary>
public sealed class AuthHostOptions
{
    /// <summary>The database; a fresh SQLite database when null. Share one between hosts to model several instances.</summary>
    public TestDatabase? Database { get; set; }

    /// <summary>When set, every store is this in-memory store instead of EF Core.</summary>
    public RbacKit.Testing.InMemoryStore? InMemoryStore { get; set; }

    /// <summary>Redis configuration; none when null.</summary>
    public string? Redis { get; set; }

    /// <summary>The change channel, so that concurrent tests do not hear each other.</summary>
    public string RedisChannel { get; set; } = "rbackit:changes";

    /// <summary>A clock; the system clock when null.</summary>
    public TimeProvider? Time { get; set; }

    /// <summary>Rate limits are off unless a test turns them on.</summary>
    public Action<RbacKitRateLimitOptions>? RateLimits { get; set; }

    public Action<RbacKitOptions>? Rbac { get; set; }

    public Action<IServiceCollection>? Services { get; set; }

    public Action<WebApplication>? Endpoints { get; set; }

    /// <summary>Whether to map the controllers of this assembly.</summary>
    public bool Controllers { get; set; } = true;

    /// <summary>A fixed key-encryption key, for hosts that share a database; random when null.</summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>The host environment's name (default <c>Testing</c>, which is not Development).</summary>
    public string EnvironmentName { get; set; } = "Testing";
}
