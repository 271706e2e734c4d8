using StackExchange.Redis;

namespace RbacKit.AspNetCore;

/// <summary>Redis settings of RbacKit: the connection, the change-notification channel and the distributed cache prefix.</summary>
public sealed class RbacKitRedisOptions
{
    /// <summary>The StackExchange.Redis configuration string, for example <c>localhost:6379,password=...</c>.</summary>
    public string Configuration { get; set; } = "";

    /// <summary>The pub/sub channel of authorization changes. Default <c>rbackit:changes</c>; every instance must use the same.</summary>
    public string Channel { get; set; } = "rbackit:changes";

    /// <summary>Adjusts the parsed connection settings (TLS, timeouts). RbacKit always sets <c>AbortOnConnectFail = false</c> first.</summary>
    public Action<ConfigurationOptions>? ConfigureConnection { get; set; }

    /// <summary>
    /// Called with each multiplexer RbacKit opens, once it is connected (for example to register it with OpenTelemetry's
    /// StackExchange.Redis instrumentation: <c>instrumentation.AddConnection(multiplexer)</c>).
    /// </summary>
    public Action<IConnectionMultiplexer>? Connected { get; set; }

    /// <summary>Most changes kept while Redis is unreachable, published once it is back; beyond it one "everything changed" is sent. Default 10000.</summary>
    public int MaxPendingChanges { get; set; } = 10_000;

    /// <summary>
    /// How long changes stay in the journal <c>{Channel}:journal</c> that a resource server reads when it starts or
    /// reconnects, so revocations made before it subscribed still reach it. At least the longest access-token lifetime
    /// plus clock skew. Default 1 hour; <see cref="TimeSpan.Zero"/> turns the journal off.
    /// </summary>
    public TimeSpan JournalRetention { get; set; } = TimeSpan.FromHours(1);
}
