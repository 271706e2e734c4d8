using RbacKit.Permissions;
using RbacKit.TokenValidation;

namespace RbacKit.AspNetCore;

/// <summary>
/// Decides, after the signature and claims of a token were validated, whether its session and user may still act and
/// with which permissions: from the live state on the issuer, from the token's <c>perms</c> on a resource server.
/// </summary>
internal interface IAccessTokenAuthorizer
{
    ValueTask<TokenAuthorization> AuthorizeAsync(ValidatedAccessToken token, CancellationToken cancellationToken);
}

/// <summary>The outcome of <see cref="IAccessTokenAuthorizer"/>: permissions and roles, or why the token is refused.</summary>
internal readonly record struct TokenAuthorization(PermissionSet? Permissions, IReadOnlyList<string> Roles, TokenFailure Failure)
{
    public static TokenAuthorization Refused(TokenFailure failure) => new(null, [], failure);

    public static TokenAuthorization Allowed(PermissionSet permissions, IReadOnlyList<string> roles) => new(permissions, roles, TokenFailure.None);
}
