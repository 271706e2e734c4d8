namespace RbacKit.Domain;

/// <summary>A role held by a user, with who granted it and when.</summary>
public sealed record UserRole
{
    /// <summary>The user.</summary>
    public Guid UserId { get; init; }

    /// <summary>The role.</summary>
    public Guid RoleId { get; init; }

    /// <summary>Who granted it; <see langword="null"/> for registration and seeding.</summary>
    public Guid? GrantedBy { get; init; }

    /// <summary>When it was granted.</summary>
    public DateTimeOffset GrantedAt { get; init; }

    /// <summary>The type and identity only, never secrets, hashes or personal data, so the entity can be logged.</summary>
    public override string ToString() => $"UserRole {UserId} {RoleId}";
}
