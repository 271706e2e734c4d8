namespace RbacKit.Domain;

/// <summary>Who changed a role, a permission mapping or a grant, when, and what it looked like before and after.</summary>
public sealed record AuditEvent
{
    /// <summary>The id (UUID version 7).</summary>
    public Guid Id { get; init; }

    /// <summary>When the change happened.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>Who made it; <see langword="null"/> for the system (seeding, CLI).</summary>
    public Guid? ActorId { get; init; }

    /// <summary>What happened, for example <c>role.updated</c> or <c>user.role_granted</c>.</summary>
    public string Action { get; init; } = "";

    /// <summary>The kind of target: <c>role</c> or <c>user</c>.</summary>
    public string TargetType { get; init; } = "";

    /// <summary>The target id.</summary>
    public string TargetId { get; init; } = "";

    /// <summary>JSON of the state before, if any.</summary>
    public string? Before { get; init; }

    /// <summary>JSON of the state after, if any.</summary>
    public string? After { get; init; }

    /// <summary>The type and identity only, never secrets, hashes or personal data, so the entity can be logged.</summary>
    public override string ToString() => $"AuditEvent {Id} ({Action})";
}
