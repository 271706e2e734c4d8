using RbacKit.Permissions;
using RbacKit.TokenValidation;

namespace RbacKit.AspNetCore;

/// <summary>The outcome of <see cref="IAccessTokenAuthorizer"/>: permissions and roles, or why the token is refused.</summary>
internal readonly record struct TokenAuthorization(PermissionSet? Permissions, IReadOnlyList<string> Roles, TokenFailure Failure)
{
    public static TokenAuthorization Refused(TokenFailure failure) => new(null, [], failure);

    public static TokenAuthorization Allowed(PermissionSet permissions, IReadOnlyList<string> roles) => new(permissions, roles, TokenFailure.None);
}
