namespace RbacKit.Administration;

/// <summary>A role as shown to administrators.</summary>
/// <param name="Id">The id.</param>
/// <param name="Name">The name.</param>
/// <param name="Description">What it is for.</param>
/// <param name="IsSystem">Whether it is a system role.</param>
/// <param name="Permissions">Granted names and wildcards.</param>
public sealed record RoleInfo(Guid Id, string Name, string? Description, bool IsSystem, IReadOnlyList<string> Permissions);

/// <summary>The editable fields of a role.</summary>
/// <param name="Name">The name: 1 to 64 of a-z, 0-9, '-', '_', '.'.</param>
/// <param name="Description">What it is for (at most 500 characters).</param>
/// <param name="Permissions">Granted names and wildcards; each must match the catalog.</param>
public sealed record RoleInput(string? Name, string? Description, IReadOnlyList<string>? Permissions);

/// <summary>A user in an administrator's list.</summary>
/// <param name="Id">The id.</param>
/// <param name="Email">The email.</param>
/// <param name="FirstName">First name.</param>
/// <param name="LastName">Last name.</param>
/// <param name="IsActive">Whether the account is active.</param>
/// <param name="CreatedAt">When the user registered.</param>
/// <param name="EmailConfirmed">Whether the address is confirmed.</param>
public sealed record UserSummary(Guid Id, string Email, string FirstName, string LastName, bool IsActive, DateTimeOffset CreatedAt, bool EmailConfirmed);

/// <summary>The answer of a permission check.</summary>
/// <param name="UserId">Whose permission.</param>
/// <param name="Permission">The permission.</param>
/// <param name="Allowed">Whether it is granted.</param>
public sealed record PermissionCheck(Guid UserId, string Permission, bool Allowed);
