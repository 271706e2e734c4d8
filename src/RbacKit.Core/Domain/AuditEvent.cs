namespace RbacKit.Domain;

/// <summary>Who changed a role, a permission mapping or a grant, when, and what it looked like before and after.</summary>
public sealed class AuditEvent
{
    /// <summary>The id (UUID version 7).</summary>
    public Guid Id { get; set; }

    /// <summary>When the change happened.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Who made it; <see langword="null"/> for the system (seeding, CLI).</summary>
    public Guid? ActorId { get; set; }

    /// <summary>What happened, for example <c>role.updated</c> or <c>user.role_granted</c>.</summary>
    public string Action { get; set; } = "";

    /// <summary>The kind of target: <c>role</c> or <c>user</c>.</summary>
    public string TargetType { get; set; } = "";

    /// <summary>The target id.</summary>
    public string TargetId { get; set; } = "";

    /// <summary>JSON of the state before, if any.</summary>
    public string? Before { get; set; }

    /// <summary>JSON of the state after, if any.</summary>
    public string? After { get; set; }
}
