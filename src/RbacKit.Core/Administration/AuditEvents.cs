using System.Text.Json;
using RbacKit.Domain;

namespace RbacKit.Administration;

/// <summary>Builds audit events with JSON snapshots.</summary>
internal static class AuditEvents
{
    public static AuditEvent Create(TimeProvider time, Guid? actorId, string action, string targetType, string targetId, object? before, object? after) => new()
    {
        Id = IdGenerator.NewId(time),
        At = time.GetUtcNow(),
        ActorId = actorId,
        Action = action,
        TargetType = targetType,
        TargetId = targetId,
        Before = before is null ? null : JsonSerializer.Serialize(before),
        After = after is null ? null : JsonSerializer.Serialize(after),
    };
}
