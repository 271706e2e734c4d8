namespace RbacKit.Administration;

/// <summary>What an administrator attempts, for the security log: who, which operation (e.g. "grant role") and on what (e.g. "user {id}").</summary>
internal readonly record struct AdminAction(Guid ActorId, string Name, string Target);
