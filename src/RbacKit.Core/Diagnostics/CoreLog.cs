using Microsoft.Extensions.Logging;
using RbacKit.Domain;

namespace RbacKit;

/// <summary>The log messages of RbacKit.Core, in one class: the <c>[LoggerMessage]</c> generator of .NET 10 emits several classes in an unstable order (dotnet/runtime#119587), which would make the build non-reproducible.</summary>
internal static partial class CoreLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Login refused for user {UserId}: {Outcome}")]
    public static partial void LoginRefused(ILogger logger, Guid? userId, LoginOutcome outcome);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Signing key {KeyId} ({Algorithm}) is now current; earlier keys are retired")]
    public static partial void KeyRotated(ILogger logger, string keyId, string algorithm);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "A spent refresh token of session {SessionId} (user {UserId}) was presented again; the session is revoked")]
    public static partial void RefreshTokenReused(ILogger logger, Guid sessionId, Guid userId);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Role grant '{Grant}' matches no permission of the catalog; it grants nothing until removed or the permission is declared again")]
    public static partial void OrphanedGrant(ILogger logger, string grant);

    [LoggerMessage(EventId = 1451, Level = LogLevel.Information, Message = "Email skeletons filled in for {Count} accounts stored before they existed")]
    public static partial void EmailSkeletonsFilled(ILogger logger, int count);

    [LoggerMessage(EventId = 1452, Level = LogLevel.Warning, Message = "The email of user {UserId} looks like an older account's (same UTS #39 skeleton); it keeps working but has no skeleton of its own: review the account")]
    public static partial void LookAlikeEmail(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Mail {MessageId} delivered (attempt {Attempt})")]
    public static partial void MailDelivered(ILogger logger, Guid messageId, int attempt);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Mail {MessageId} not delivered (attempt {Attempt}); next attempt at {NextAttemptAt}: {ErrorType}: {Error}")]
    public static partial void MailDeferred(ILogger logger, Guid messageId, int attempt, DateTimeOffset nextAttemptAt, string errorType, string error);
}
