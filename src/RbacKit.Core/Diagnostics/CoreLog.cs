using Microsoft.Extensions.Logging;
using RbacKit.Domain;

namespace RbacKit;

/// <summary>The log messages of RbacKit.Core, in one class: the <c>[LoggerMessage]</c> generator of .NET 10 emits several classes in an unstable order (dotnet/runtime#119587), which would make the build non-reproducible.</summary>
internal static partial class CoreLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Login refused for user {UserId}: {Outcome}")]
    public static partial void LoginRefused(ILogger logger, Guid? userId, LoginOutcome outcome);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "User {UserId} logged in (session {SessionId})")]
    public static partial void LoginSucceeded(ILogger logger, Guid userId, Guid sessionId);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Published signing key {KeyId} ({Algorithm}), signing with it from {ActivatesAt:O}")]
    public static partial void KeyPublished(ILogger logger, string keyId, string algorithm, DateTimeOffset activatesAt);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Now signing with key {KeyId}")]
    public static partial void KeySigning(ILogger logger, string keyId);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Signing key {KeyId} withdrawn: no longer published nor accepted on any instance; tokens it signed are refused")]
    public static partial void KeyWithdrawn(ILogger logger, string keyId);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Refused to withdraw signing key {KeyId}: no other key could sign; rotate first")]
    public static partial void KeyWithdrawalRefused(ILogger logger, string keyId);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "The key ring could not reload after a key change was announced; it reloads again on the next change, unknown kid or refresh interval")]
    public static partial void KeyRingReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "A spent refresh token of session {SessionId} (user {UserId}) was presented again; the session is revoked")]
    public static partial void RefreshTokenReused(ILogger logger, Guid sessionId, Guid userId);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Role grant '{Grant}' matches no permission of the catalog; it grants nothing until removed or the permission is declared again")]
    public static partial void OrphanedGrant(ILogger logger, string grant);

    [LoggerMessage(EventId = 1451, Level = LogLevel.Information, Message = "Email skeletons filled in for {Count} accounts stored before they existed")]
    public static partial void EmailSkeletonsFilled(ILogger logger, int count);

    [LoggerMessage(EventId = 1452, Level = LogLevel.Warning, Message = "The email of user {UserId} looks like an older account's (same UTS #39 skeleton); it keeps working but has no skeleton of its own: review the account")]
    public static partial void LookAlikeEmail(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "User {ActorId} granted role {Role} to user {UserId}")]
    public static partial void RoleGranted(ILogger logger, Guid actorId, Guid userId, string role);

    [LoggerMessage(EventId = 1312, Level = LogLevel.Information, Message = "User {ActorId} revoked role {Role} from user {UserId}")]
    public static partial void RoleRevoked(ILogger logger, Guid actorId, Guid userId, string role);

    [LoggerMessage(EventId = 1313, Level = LogLevel.Information, Message = "User {ActorId} created role {Role} ({RoleId}) with permissions {Permissions}")]
    public static partial void RoleCreated(ILogger logger, Guid actorId, Guid roleId, string role, string permissions);

    [LoggerMessage(EventId = 1314, Level = LogLevel.Information, Message = "User {ActorId} changed role {Role} ({RoleId}); its permissions are now {Permissions}")]
    public static partial void RoleChanged(ILogger logger, Guid actorId, Guid roleId, string role, string permissions);

    [LoggerMessage(EventId = 1315, Level = LogLevel.Information, Message = "User {ActorId} deleted role {Role} ({RoleId})")]
    public static partial void RoleDeleted(ILogger logger, Guid actorId, Guid roleId, string role);

    [LoggerMessage(EventId = 1316, Level = LogLevel.Information, Message = "User {ActorId} ended every session of user {UserId}")]
    public static partial void SessionsEndedByAdmin(ILogger logger, Guid actorId, Guid userId);

    [LoggerMessage(EventId = 1321, Level = LogLevel.Information, Message = "User {ActorId} created OAuth client {Name} ({Id}, client_id {ClientId}) with permissions {Permissions}")]
    public static partial void ClientCreated(ILogger logger, Guid? actorId, Guid id, string clientId, string name, string permissions);

    [LoggerMessage(EventId = 1322, Level = LogLevel.Information, Message = "User {ActorId} rotated the secret of OAuth client {Id} (client_id {ClientId}); its tokens are revoked")]
    public static partial void ClientSecretRotated(ILogger logger, Guid actorId, Guid id, string clientId);

    [LoggerMessage(EventId = 1323, Level = LogLevel.Information, Message = "User {ActorId} deleted OAuth client {Id} (client_id {ClientId}); its tokens are revoked")]
    public static partial void ClientDeleted(ILogger logger, Guid actorId, Guid id, string clientId);

    [LoggerMessage(EventId = 1324, Level = LogLevel.Information, Message = "The access tokens of OAuth client {Id} (client_id {ClientId}) were revoked (RFC 7009)")]
    public static partial void ClientTokensRevoked(ILogger logger, Guid id, string clientId);

    // Refused escalations keep the event ids they had when the web layer logged them (2601-2603).
    [LoggerMessage(EventId = 2601, Level = LogLevel.Warning,
        Message = "Escalation refused ({Reason}): user {ActorId} is not a superadmin and tried to {Action} {Refused} for {Target}")]
    public static partial void SuperadminRequired(ILogger logger, Guid actorId, string action, string target, string refused, string reason);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning,
        Message = "Escalation refused ({Reason}): user {ActorId} tried to {Action} {Refused} for {Target} without holding it")]
    public static partial void PermissionsNotHeld(ILogger logger, Guid actorId, string action, string target, string refused, string reason);

    [LoggerMessage(EventId = 2603, Level = LogLevel.Warning,
        Message = "Escalation refused ({Reason}): user {ActorId} tried to {Action} {Refused} for {Target}, the last superadmin")]
    public static partial void LastSuperadmin(ILogger logger, Guid actorId, string action, string target, string refused, string reason);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Information, Message = "Mail {MessageId} delivered (attempt {Attempt})")]
    public static partial void MailDelivered(ILogger logger, Guid messageId, int attempt);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Mail {MessageId} not delivered (attempt {Attempt}); next attempt at {NextAttemptAt}: {ErrorType}: {Error}")]
    public static partial void MailDeferred(ILogger logger, Guid messageId, int attempt, DateTimeOffset nextAttemptAt, string errorType, string error);
}
