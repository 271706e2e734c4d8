using Microsoft.Extensions.Logging;
using RbacKit.Caching;

namespace RbacKit.AspNetCore;

/// <summary>The log messages of the Redis change feed.</summary>
internal sealed partial class RedisChangeFeed
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Publishing a {Kind} change to Redis failed; it will be retried when Redis is back")]
        public static partial void PublishFailed(ILogger logger, AuthorizationChangeKind kind, Exception exception);

        [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Redis change feed on {Channel} is unreliable ({Reason}); authorization state is read from the store on every request")]
        public static partial void Unreliable(ILogger logger, string channel, string reason);

        [LoggerMessage(EventId = 2303, Level = LogLevel.Information, Message = "Redis change feed on {Channel} is reliable; cached authorization state was reset")]
        public static partial void Reliable(ILogger logger, string channel);

        [LoggerMessage(EventId = 2304, Level = LogLevel.Warning, Message = "Ignored a malformed message on {Channel}")]
        public static partial void Malformed(ILogger logger, string channel);

        [LoggerMessage(EventId = 2305, Level = LogLevel.Warning, Message = "Subscribing to {Channel} failed; retrying when Redis is reachable")]
        public static partial void SubscribeFailed(ILogger logger, string channel, Exception exception);

        [LoggerMessage(EventId = 2306, Level = LogLevel.Warning, Message = "A {Kind} change could not be published to Redis now; it is kept and published when Redis is back")]
        public static partial void PublishDeferred(ILogger logger, AuthorizationChangeKind kind);

        [LoggerMessage(EventId = 2307, Level = LogLevel.Warning, Message = "Redis is connected but {Count} probes did not come back; subscribing again")]
        public static partial void ProbeFailed(ILogger logger, int count);
    }
}
