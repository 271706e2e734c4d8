namespace RbacKit.Domain;

/// <summary>A role held by a user, with who granted it and when.</summary>
public sealed class UserRole
{
    /// <summary>The user.</summary>
    public Guid UserId { get; set; }

    /// <summary>The role.</summary>
    public Guid RoleId { get; set; }

    /// <summary>Who granted it; <see langword="null"/> for registration and seeding.</summary>
    public Guid? GrantedBy { get; set; }

    /// <summary>When it was granted.</summary>
    public DateTimeOffset GrantedAt { get; set; }
}
