namespace RbacKit.Stores;

/// <summary>What a user may do, as loaded from the store.</summary>
/// <param name="UserId">The user.</param>
/// <param name="IsActive">Whether the account is active.</param>
/// <param name="Version">The user's authorization version.</param>
/// <param name="Roles">The roles held, each with its permissions.</param>
public sealed record UserAuthorizationData(Guid UserId, bool IsActive, long Version, IReadOnlyList<RoleGrantData> Roles);
