using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RbacKit.Caching;
using RbacKit.TokenValidation;

namespace RbacKit.AspNetCore;

/// <summary>The log messages of RbacKit.AspNetCore, in one class: the <c>[LoggerMessage]</c> generator of .NET 10 emits several classes in an unstable order (dotnet/runtime#119587), which would make the build non-reproducible.</summary>
internal static partial class AspNetCoreLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Bearer token refused: {Reason}")]
    public static partial void TokenRejected(ILogger logger, TokenFailure reason);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Permission denied to user {UserId}: needs {Permission} for {Method} {Path}")]
    public static partial void PermissionDenied(ILogger logger, Guid? userId, string permission, string method, PathString path);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "RbacKit key ring ready; signing with key {KeyId} ({Algorithm})")]
    public static partial void KeyRingReady(ILogger logger, string keyId, string algorithm);

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

    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "Reading the signing keys of {Authority} failed; the keys loaded before stay in use")]
    public static partial void RefreshFailed(ILogger logger, string authority, Exception exception);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Information, Message = "Loaded {Count} signing keys of {Authority}")]
    public static partial void KeysLoaded(ILogger logger, int count, string authority);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Error, Message = "The discovery document states issuer '{Actual}', but '{Expected}' is expected; its keys are not used")]
    public static partial void IssuerMismatch(ILogger logger, string? actual, string expected);

    [LoggerMessage(EventId = 2404, Level = LogLevel.Error, Message = "The discovery document's jwks_uri '{JwksUri}' is not an https URL (or http on loopback); its keys are not used")]
    public static partial void BadJwksUri(ILogger logger, string? jwksUri);

    [LoggerMessage(EventId = 2501, Level = LogLevel.Information, Message = "Rate limit {Policy} refused a request to {Path}")]
    public static partial void Throttled(ILogger logger, RateLimitPolicy policy, PathString path);

    [LoggerMessage(EventId = 2502, Level = LogLevel.Warning, Message = "Redis cannot count rate limits ({Failure}); each instance counts its own until it can (N instances allow N times the budget meanwhile)")]
    public static partial void RateLimitsLocal(ILogger logger, string failure);

    [LoggerMessage(EventId = 2503, Level = LogLevel.Information, Message = "Rate limits are shared through Redis again")]
    public static partial void RateLimitsShared(ILogger logger);

    [LoggerMessage(EventId = 2801, Level = LogLevel.Warning, Message = "No IEmailSender is registered: queued mail stays in the outbox until one is (AddRbacKitEmailSender)")]
    public static partial void NoEmailSender(ILogger logger);

    [LoggerMessage(EventId = 2802, Level = LogLevel.Warning, Message = "The mail outbox could not be drained; retrying in {Delay}, with a longer wait each time, until it can")]
    public static partial void OutboxDrainFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(EventId = 2803, Level = LogLevel.Debug, Message = "The mail outbox still could not be drained (attempt {Attempt}); retrying in {Delay}")]
    public static partial void OutboxDrainStillFailing(ILogger logger, Exception exception, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 2804, Level = LogLevel.Information, Message = "The mail outbox is drained again after {Attempts} failed attempts")]
    public static partial void OutboxDrainRecovered(ILogger logger, int attempts);

    [LoggerMessage(EventId = 2811, Level = LogLevel.Error, Message = "A queued {Kind} request failed; no mail was sent for it (the address is not logged)")]
    public static partial void RecoveryRequestFailed(ILogger logger, Exception exception, RecoveryRequestKind kind);

    [LoggerMessage(EventId = 2812, Level = LogLevel.Warning, Message = "A queued {Kind} request was refused with {Code}")]
    public static partial void RecoveryRequestRefused(ILogger logger, RecoveryRequestKind kind, string code);

    [LoggerMessage(EventId = 2813, Level = LogLevel.Warning, Message = "The recovery request queue is full; answering 503 until the worker catches up")]
    public static partial void RecoveryQueueFull(ILogger logger);

    [LoggerMessage(EventId = 2901, Level = LogLevel.Warning, Message = "Writing the last-seen times of sessions failed; they are kept and written in a later round")]
    public static partial void LastSeenWriteFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2902, Level = LogLevel.Debug, Message = "Writing the last-seen times of sessions still failed (attempt {Attempt})")]
    public static partial void LastSeenWriteStillFailing(ILogger logger, Exception exception, int attempt);

    [LoggerMessage(EventId = 2601, Level = LogLevel.Warning, Message = "Token introspection failed; the token is refused")]
    public static partial void IntrospectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "The introspection endpoint answered {Status}; the token is refused (is this service's client id, secret and tokens:introspect right?)")]
    public static partial void IntrospectionRefused(ILogger logger, int status);

    [LoggerMessage(EventId = 2603, Level = LogLevel.Warning, Message = "The RFC 8414 metadata of {Authority} names no usable introspection_endpoint (or another issuer); set Introspection.Endpoint")]
    public static partial void IntrospectionEndpointMissing(ILogger logger, string authority);
}
