using System.Text.Json;

namespace RbacKit.Administration;

/// <summary>One audit event as shown to administrators.</summary>
/// <param name="Id">The id.</param>
/// <param name="At">When the change happened.</param>
/// <param name="ActorId">Who made it; <see langword="null"/> for the system.</param>
/// <param name="Action">What happened, for example <c>role.updated</c>.</param>
/// <param name="TargetType">The kind of target, for example <c>role</c>, <c>user</c> or <c>client</c>.</param>
/// <param name="TargetId">The target id.</param>
/// <param name="Before">The state before, as JSON; <see langword="null"/> when none.</param>
/// <param name="After">The state after, as JSON; <see langword="null"/> when none.</param>
public sealed record AuditEntry(Guid Id, DateTimeOffset At, Guid? ActorId, string Action, string TargetType, string TargetId, JsonElement? Before, JsonElement? After);
